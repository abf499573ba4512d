namespace ComplianceLayer.Scanning;

/// <summary>Marker for the Scanning assembly (architecture tests).</summary>
public static class ScanningAssembly
{
}
