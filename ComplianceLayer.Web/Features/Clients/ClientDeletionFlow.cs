using ComplianceLayer.Web.Components.Common;
using MudBlazor;

namespace ComplianceLayer.Web.Features.Clients;

/// <summary>Asks the user to confirm, saying exactly what goes with the client, then deletes it. Shared by the list and details pages.</summary>
internal static class ClientDeletionFlow
{
    public static async Task<bool> ConfirmAndDeleteAsync(ClientService clients, IDialogService dialogs, ISnackbar snackbar, Guid clientId)
    {
        ClientDeletion? deletion = null;
        if (!await UiErrors.TryAsync(snackbar, async () => deletion = await clients.GetDeletionAsync(clientId, CancellationToken.None)))
        {
            return false;
        }
        var confirmed = await dialogs.ShowMessageBoxAsync(
            "Delete client", deletion!.Describe(), yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return false;
        }
        return await UiErrors.TryAsync(snackbar,
            async () => deletion = await clients.DeleteAsync(clientId, CancellationToken.None),
            $"Deleted client {deletion.Name}.");
    }
}
