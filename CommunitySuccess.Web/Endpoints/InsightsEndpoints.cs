using System.Globalization;
using System.Text;
using CommunitySuccess.Core.Inbox;
using CommunitySuccess.Core.Insights;

namespace CommunitySuccess.Web.Endpoints;

/// <summary>The insights CSV export: <c>GET /insights/export.csv?from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;source=slack|github</c>, signed-in users only.</summary>
public static class InsightsEndpoints
{
    public static IEndpointRouteBuilder MapInsightsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // The fallback policy requires a signed-in user, as for every page.
        endpoints.MapGet("/insights/export.csv", ExportAsync);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(string? from, string? to, string? source, InsightsService insights, CancellationToken cancellationToken)
    {
        var filter = InboxSourceFilterNames.Parse(source);
        InsightsQuery query;
        if (from is null && to is null)
        {
            query = InsightsQuery.LastDays(insights.Today, 30, filter);
        }
        else if (DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
                 && DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end))
        {
            query = new InsightsQuery(start, end, filter);
        }
        else
        {
            return Results.BadRequest("Give from and to as dates like 2026-12-01.");
        }

        if (query.Problem is { } problem)
        {
            return Results.BadRequest(problem);
        }

        var csv = await insights.ExportCsvAsync(query, cancellationToken);
        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
            $"insights-{query.From:yyyy-MM-dd}-{query.To:yyyy-MM-dd}.csv");
    }
}
