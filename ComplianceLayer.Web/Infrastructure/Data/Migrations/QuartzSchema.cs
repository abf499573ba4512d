namespace ComplianceLayer.Web.Infrastructure.Data.Migrations;

/// <summary>Quartz's PostgreSQL schema, shipped as an embedded SQL file next to the migrations that apply it.</summary>
internal static class QuartzSchema
{
    public const string DropAll = """
        DROP TABLE IF EXISTS qrtz_fired_triggers, qrtz_paused_trigger_grps, qrtz_paused_job_grps, qrtz_scheduler_state,
            qrtz_locks, qrtz_simple_triggers, qrtz_cron_triggers, qrtz_simprop_triggers, qrtz_blob_triggers, qrtz_triggers,
            qrtz_job_details, qrtz_calendars, qrtz_execution_history, qrtz_misfire_history, qrtz_job_status CASCADE;
        """;

    public static string Read(string fileName)
    {
        using var stream = typeof(QuartzSchema).Assembly.GetManifestResourceStream("ComplianceLayer.Web.Migrations.Sql." + fileName)
            ?? throw new InvalidOperationException($"Embedded SQL {fileName} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
