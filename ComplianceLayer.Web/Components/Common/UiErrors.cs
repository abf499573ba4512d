using ComplianceLayer.Web.Features.Billing;
using ComplianceLayer.Web.Infrastructure.Tenancy;
using MudBlazor;

namespace ComplianceLayer.Web.Components.Common;

/// <summary>Turns the expected failures of a user action into a snackbar message; anything else is rethrown.</summary>
public static class UiErrors
{
    public static async Task<bool> TryAsync(ISnackbar snackbar, Func<Task> action, string? success = null)
    {
        try
        {
            await action();
            if (success is not null)
            {
                snackbar.Add(success, Severity.Success);
            }
            return true;
        }
        catch (AccessDeniedException ex)
        {
            snackbar.Add(ex.Message, Severity.Error);
        }
        catch (ValidationFailedException ex)
        {
            snackbar.Add(ex.Message, Severity.Warning);
        }
        catch (PlanLimitExceededException ex)
        {
            snackbar.Add(ex.Message, Severity.Warning);
        }
        return false;
    }
}
