using CommunitySuccess.Core.Insights;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommunitySuccess.Web.Components.Pages.Insights;

/// <summary>
/// One chart with its numbers a click away. MudChart reports a click as the index of a series, not of a point, so a
/// single-series bar chart is drawn as a stacked bar of one series per bar: a click on a bar then names its point and
/// lists the items behind it. Other charts list them from their table of numbers.
/// </summary>
public sealed partial class InsightsChartCard
{
    private ChartType _type;
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private ChartOptions _options = new();
    private bool _clickable;
    private bool _showNumbers;

    [Parameter, EditorRequired]
    public InsightsChart Chart { get; set; } = default!;

    /// <summary>A point was picked: its label and the items behind it.</summary>
    [Parameter]
    public EventCallback<(InsightsChart Chart, InsightsPoint Point)> OnPick { get; set; }

    protected override void OnParametersSet()
    {
        _labels = [.. Chart.Points.Select(p => p.Label)];
        _clickable = Chart.Kind == InsightsChartKind.Bar && Chart.SeriesNames.Count == 1;
        if (_clickable)
        {
            _type = ChartType.StackedBar;
            _series = Chart.Points.Select((point, index) => new ChartSeries<double>
            {
                Name = point.Label,
                Data = new ChartData<double>(Chart.Points.Select((_, i) => i == index ? point.Values[0] ?? 0 : 0).ToList()),
            }).ToList();
            _options = new ChartOptions { ShowLegend = false };
            return;
        }

        _type = Chart.Kind switch
        {
            InsightsChartKind.Line => ChartType.Line,
            InsightsChartKind.StackedBar => ChartType.StackedBar,
            InsightsChartKind.HeatMap => ChartType.HeatMap,
            _ => ChartType.Bar,
        };
        _series = Chart.SeriesNames.Select((name, s) => new ChartSeries<double>
        {
            Name = name,
            Data = new ChartData<double>(Chart.Points.Select(p => Chart.Kind == InsightsChartKind.Line ? p.Values[s] : p.Values[s] ?? 0).ToList()),
        }).ToList();
        _options = new ChartOptions { ShowLegend = Chart.Kind != InsightsChartKind.HeatMap };
    }

    private async Task OnSelectedAsync(int index)
    {
        if (_clickable && index >= 0 && index < Chart.Points.Count)
        {
            await PickAsync(Chart.Points[index]);
        }
    }

    private Task PickAsync(InsightsPoint point) => OnPick.InvokeAsync((Chart, point));
}
