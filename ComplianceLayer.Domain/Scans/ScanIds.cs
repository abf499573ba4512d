using System.Security.Cryptography;

namespace ComplianceLayer.Domain.Scans;

/// <summary>Public identifiers: <c>cl_job_…</c> for a scan job, <c>cl_rpt_…</c> for its report; unguessable.</summary>
public static class ScanIds
{
    public const string JobPrefix = "cl_job_";
    public const string ReportPrefix = "cl_rpt_";

    public static string NewJobId() => JobPrefix + RandomHex(12);

    public static string NewReportId() => ReportPrefix + RandomHex(12);

    private static string RandomHex(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));
}
