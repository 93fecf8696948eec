using System.Globalization;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Insights;
using Microsoft.AspNetCore.Components;

namespace CommunitySuccess.Web.Components.Pages.Insights;

/// <summary>
/// The insights page: a date range (last 7 / 30 / 90 days or custom, in the address so it can be shared) and a source
/// filter; every chart from <see cref="InsightsService"/>; a click on a bar or a table row lists the items behind it.
/// </summary>
public sealed partial class InsightsPage(InsightsService insights, NavigationManager navigation)
{
    private static readonly int[] PresetDays = [7, 30, 90];
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private InsightsReport? _report;
    private IReadOnlyList<InsightsChart> _charts = [];
    private string _summary = "";
    private string? _error;
    private bool _customOpen;
    private DateTime? _customFrom;
    private DateTime? _customTo;
    private PickedItems? _picked;

    [SupplyParameterFromQuery(Name = "days")]
    public int? Days { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "source")]
    public string? Source { get; set; }

    private bool IsCustom => From is not null || To is not null;

    private InboxSourceFilter SourceFilter => InboxSourceFilterNames.Parse(Source);

    private string ExportUrl => _report is null
        ? "insights/export.csv"
        : $"insights/export.csv?from={_report.Query.From:yyyy-MM-dd}&to={_report.Query.To:yyyy-MM-dd}" + (SourceFilter.ToSlug() is { } slug ? $"&source={slug}" : "");

    protected override async Task OnParametersSetAsync()
    {
        _picked = null;
        _error = null;
        var query = Query();
        if (query is null || query.Problem is not null)
        {
            _error = query?.Problem ?? "Give the custom range as two dates (yyyy-MM-dd).";
            _report = null;
            return;
        }

        _customFrom = query.From.ToDateTime(TimeOnly.MinValue);
        _customTo = query.To.ToDateTime(TimeOnly.MinValue);
        _report = await insights.GetReportAsync(query, CancellationToken.None);
        _charts = InsightsCharts.Build(_report);
        var first = InsightsRules.Stat(_report.Items.Where(i => i.FirstResponse is not null).Select(i => i.FirstResponse!.Value - i.Created));
        _summary = first.MedianHours is { } median
            ? string.Create(Invariant, $"median first response {median:0.#} h (p90 {first.P90Hours:0.#} h)")
            : "no first response in this range";
    }

    private InsightsQuery? Query()
    {
        if (IsCustom)
        {
            return DateOnly.TryParseExact(From, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var from)
                && DateOnly.TryParseExact(To, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var to)
                ? new InsightsQuery(from, to, SourceFilter)
                : null;
        }

        return InsightsQuery.LastDays(insights.Today, Days is { } d && PresetDays.Contains(d) ? d : 30, SourceFilter);
    }

    private void GoTo(int? days = null, InboxSourceFilter? source = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["days"] = days ?? (IsCustom ? null : Days),
            ["from"] = days is null ? From : null,
            ["to"] = days is null ? To : null,
            ["source"] = (source ?? SourceFilter).ToSlug(),
        };
        if (days is not null)
        {
            _customOpen = false;
        }

        navigation.NavigateTo(navigation.GetUriWithQueryParameters(parameters));
    }

    private void OpenCustom() => _customOpen = true;

    private void ApplyCustom()
    {
        if (_customFrom is not { } from || _customTo is not { } to)
        {
            _error = "Choose both dates.";
            return;
        }

        navigation.NavigateTo(navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["days"] = null,
            ["from"] = from.ToString("yyyy-MM-dd", Invariant),
            ["to"] = to.ToString("yyyy-MM-dd", Invariant),
            ["source"] = SourceFilter.ToSlug(),
        }));
    }

    private void OnPick((InsightsChart Chart, InsightsPoint Point) pick) =>
        _picked = new PickedItems($"{pick.Chart.Title}: {pick.Point.Label} ({pick.Point.ItemIds.Count} items)", _report?.RowsFor(pick.Point.ItemIds) ?? []);

    private static string When(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", Invariant);

    private sealed record PickedItems(string Title, IReadOnlyList<InsightsItemRow> Rows);
}
