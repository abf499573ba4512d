using MudBlazor;

namespace ComplianceLayer.Web.Components.Layout;

public static class AppTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1e4fa3",
            Secondary = "#00897b",
            AppbarBackground = "#14325f",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7aa7ff",
            Secondary = "#4db6ac",
        },
    };
}
