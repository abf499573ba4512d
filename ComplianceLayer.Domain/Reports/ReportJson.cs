using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ComplianceLayer.Domain.Scoring;

namespace ComplianceLayer.Domain.Reports;

/// <summary>
/// The one JSON form of a report, for the jsonb column, the API and exports: snake_case properties, enums as lower-case
/// snake_case strings except grades (<c>"A"</c>), absent rather than null optional members, timestamps as UTC with <c>Z</c>.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    public static string Serialize(ScanReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, Options);
    }

    /// <exception cref="JsonException">The text is not a report.</exception>
    public static ScanReport Deserialize(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<ScanReport>(json, Options) ?? throw new JsonException("The report JSON is null.");
    }

    /// <summary>The API text of a value, as it appears in the JSON (the database stores grade and risk level this way too).</summary>
    public static string ValueOf(Grade grade) => WireName(grade);

    public static string ValueOf(RiskLevel riskLevel) => WireName(riskLevel);

    public static string ValueOf(Findings.Severity severity) => WireName(severity);

    public static string ValueOf(ModuleStatus status) => WireName(status);

    private static string WireName<T>(T value)
        where T : struct, Enum =>
        JsonSerializer.Serialize(value, Options).Trim('"');

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            RespectNullableAnnotations = true,
            WriteIndented = false,
        };
        // Grades are letters ("A"), not snake_case ("a"); this converter must precede the general enum converter.
        options.Converters.Add(new JsonStringEnumConverter<Grade>(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcSecondsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>ISO-8601 UTC to the second with a <c>Z</c> suffix, as the seed shows <c>scanned_at</c>.</summary>
    private sealed class UtcSecondsConverter : JsonConverter<DateTimeOffset>
    {
        private const string Format = "yyyy-MM-dd'T'HH:mm:ss'Z'";

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
            {
                throw new JsonException($"'{text}' is not an ISO-8601 timestamp.");
            }
            return value.ToUniversalTime();
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture));
    }
}
