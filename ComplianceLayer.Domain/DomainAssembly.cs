namespace ComplianceLayer.Domain;

/// <summary>Marker for the Domain assembly (architecture tests and resource loading).</summary>
public static class DomainAssembly
{
}
