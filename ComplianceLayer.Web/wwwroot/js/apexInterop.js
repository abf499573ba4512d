// One ApexCharts chart per element (window.ApexCharts is the UMD build loaded by App.razor).
const charts = new WeakMap();

/** Creates the chart for the element, or updates it in place when it exists with the same chart type. */
export async function render(element, options) {
    if (!element || !window.ApexCharts) {
        return;
    }
    const existing = charts.get(element);
    if (existing && existing.type === options.chart.type) {
        // Options first (axes, titles), then the series: no animation, no redraw of unchanged paths.
        const { series, ...rest } = options;
        await existing.chart.updateOptions(rest, false, false, false);
        await existing.chart.updateSeries(series, false);
        return;
    }
    destroy(element);
    const chart = new window.ApexCharts(element, options);
    charts.set(element, { chart, type: options.chart.type });
    await chart.render();
}

/** Destroys the element's chart, if any. */
export function destroy(element) {
    const existing = element ? charts.get(element) : undefined;
    if (existing) {
        existing.chart.destroy();
        charts.delete(element);
    }
}
