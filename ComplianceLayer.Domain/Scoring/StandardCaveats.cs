namespace ComplianceLayer.Domain.Scoring;

/// <summary>Caveats every reader of a report must see (the seed's list, with the port-scan one true to how we scan).</summary>
public static class StandardCaveats
{
    public const string ExternalOnly = "External scanning only - internal controls not assessed";

    /// <summary>Added when dns_email completed.</summary>
    public const string DkimSelectors = "DKIM false negatives possible with custom selectors";

    /// <summary>
    /// Added when ports completed. We run our own TCP connect scan rather than reading Shodan, so the seed's
    /// "depends on Shodan data availability" would be false.
    /// </summary>
    public const string PortScan = "Port scan covers a fixed list of common TCP ports from one vantage point (TCP connect only; UDP not scanned)";

    /// <summary>
    /// Added when the compliance section assessed at least one control. A pass means the scan saw nothing wrong from
    /// outside, not that the control operates; a fail is evidence for the auditor, who assesses the control.
    /// </summary>
    public const string ComplianceEvidence = "Compliance mappings show external evidence for controls, not control compliance - an auditor assesses the control";
}
