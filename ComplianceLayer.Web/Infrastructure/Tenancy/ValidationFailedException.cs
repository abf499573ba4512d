namespace ComplianceLayer.Web.Infrastructure.Tenancy;

/// <summary>A user's input or request cannot be carried out; the message is shown to the user as is.</summary>
public sealed class ValidationFailedException(string message) : Exception(message)
{
}
