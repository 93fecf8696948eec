using CommunitySuccess.Core.Insights;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using MudBlazor.Charts;

namespace CommunitySuccess.Web.Components.Pages.Insights;

/// <summary>
/// One chart with its numbers a click away. MudChart reports a click as the index of a series, not of a point, so a
/// single-series bar chart is drawn as a stacked bar of one series per bar: a click on a bar then names its point and
/// lists the items behind it. Other charts list them from their table of numbers.
/// </summary>
public sealed partial class InsightsChartCard
{
    private const int MaxLabels = 16;
    private const int LabelRotation = 30;

    private ChartType _type;
    private List<ChartSeries<double>> _series = [];
    private string[] _labels = [];
    private IChartOptions _options = new ChartOptions();
    private bool _clickable;
    private bool _showNumbers;

    [Parameter, EditorRequired]
    public InsightsChart Chart { get; set; } = default!;

    /// <summary>A point was picked: its label and the items behind it.</summary>
    [Parameter]
    public EventCallback<(InsightsChart Chart, InsightsPoint Point)> OnPick { get; set; }

    protected override void OnParametersSet()
    {
        // Every label of a long axis would overlap: a week's worth of days apart is enough to read it.
        var step = Chart.Points.Count > MaxLabels ? 7 : 1;
        _labels = [.. Chart.Points.Select((p, i) => i % step == 0 ? p.Label : "")];
        _clickable = Chart.Kind == InsightsChartKind.Bar && Chart.SeriesNames.Count == 1;
        if (_clickable)
        {
            _type = ChartType.StackedBar;
            _series = Chart.Points.Select((point, index) => new ChartSeries<double>
            {
                Name = point.Label,
                Data = new ChartData<double>(Chart.Points.Select((_, i) => i == index ? point.Values[0] ?? 0 : 0).ToList()),
            }).ToList();
            // The hover tooltip would sit under the pointer and take the click meant for the bar.
            _options = new StackedBarChartOptions { ShowLegend = false, ShowToolTips = false, XAxisLabelRotation = LabelRotation };
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
        _options = Chart.Kind switch
        {
            InsightsChartKind.Line => new LineChartOptions { XAxisLabelRotation = LabelRotation },
            InsightsChartKind.StackedBar => new StackedBarChartOptions { XAxisLabelRotation = LabelRotation },
            InsightsChartKind.HeatMap => new HeatMapChartOptions { ShowLabels = false, ShowLegend = false },
            _ => new BarChartOptions { XAxisLabelRotation = LabelRotation },
        };
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
