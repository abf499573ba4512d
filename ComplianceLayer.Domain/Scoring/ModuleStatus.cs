namespace ComplianceLayer.Domain.Scoring;

/// <summary>How a module ended: serialised <c>completed</c>, <c>error</c>, <c>not_tested</c>. Only completed modules are scored.</summary>
public enum ModuleStatus
{
    Completed,
    Error,
    NotTested,
}
