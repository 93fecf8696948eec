using System.Globalization;
using System.Text;
using CommunitySuccess.Core.Inbox;

namespace CommunitySuccess.Core.Insights;

/// <summary>
/// The rules behind every chart, as pure functions of an item's status history and the end of the range (no clock, no
/// I/O), so that each is table-tested. An item's time is cut into spells of one status; what counts:
/// <list type="bullet">
/// <item>First response: the first move out of Open (a team reply, 👀, On Hold, a close); waiting until then is all
/// waiting for the team.</item>
/// <item>Waiting time: every spell in Open (before the first response and after each re-open), until the range end.</item>
/// <item>Time to close: the Open and In Progress spells until the last close; On Hold spells (waiting on an action
/// item) and Closed spells between a close and a re-open do not count. An item not Closed at the range end has none.</item>
/// <item>Re-open: a move from Closed to any other status.</item>
/// <item>Follow-up answered: the move after a "follow-up sent" close is the asker's re-open.</item>
/// </list>
/// </summary>
public static class InsightsRules
{
    private static readonly HashSet<string> AskerReopenReasons = new(StringComparer.Ordinal)
    {
        ThreadStatusRules.ReasonUserMessage,
        IssueStatusRules.ReasonOutsideComment,
    };

    /// <summary>Words too common to say anything about why an item is On Hold.</summary>
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "the", "and", "for", "with", "from", "that", "this", "was", "are", "has", "have", "had", "not", "but", "our", "their",
        "they", "them", "his", "her", "its", "will", "would", "can", "could", "should", "into", "onto", "about", "after",
        "before", "until", "waiting", "wait", "on", "hold", "user", "users", "needs", "need", "some", "more", "any", "all",
        "who", "what", "when", "why", "how", "just", "still", "again", "also", "then", "than", "there", "here", "get", "got",
    };

    /// <summary>The figures of one item up to <paramref name="end"/>; moves after it are ignored (the item is measured as it stood then).</summary>
    public static ItemMeasure Measure(ItemHistory item, DateTime end, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(calendar);
        var moves = MovesUntil(item, end);
        var spells = Spells(item, end);

        var firstResponse = moves.FirstOrDefault(m => m.From == ThreadStatus.Open && m.To != ThreadStatus.Open && m.At >= item.CreatedAt);
        var closed = spells.Count > 0 && spells[^1].Status == ThreadStatus.Closed ? spells[^1].Start : (DateTime?)null;

        var waiting = TimeSpan.Zero;
        var waitingWorking = TimeSpan.Zero;
        var inProgress = TimeSpan.Zero;
        var onHold = TimeSpan.Zero;
        var toClose = TimeSpan.Zero;
        var toCloseWorking = TimeSpan.Zero;
        foreach (var spell in spells)
        {
            var length = spell.End - spell.Start;
            switch (spell.Status)
            {
                case ThreadStatus.Open:
                    waiting += length;
                    waitingWorking += calendar.Between(spell.Start, spell.End);
                    break;
                case ThreadStatus.InProgress:
                    inProgress += length;
                    break;
                case ThreadStatus.OnHold:
                    onHold += length;
                    break;
            }

            if (closed is not null && spell.Status is ThreadStatus.Open or ThreadStatus.InProgress)
            {
                toClose += length;
                toCloseWorking += calendar.Between(spell.Start, spell.End);
            }
        }

        var followUps = 0;
        var answered = 0;
        for (var i = 0; i < moves.Count; i++)
        {
            if (moves[i].Reason == ThreadStatusRules.ReasonFollowUpSent)
            {
                followUps++;
                if (i + 1 < moves.Count && moves[i + 1].From == ThreadStatus.Closed && AskerReopenReasons.Contains(moves[i + 1].Reason))
                {
                    answered++;
                }
            }
        }

        return new ItemMeasure(
            item,
            firstResponse?.At,
            firstResponse?.By,
            firstResponse is null ? null : firstResponse.At - item.CreatedAt,
            firstResponse is null ? null : calendar.Between(item.CreatedAt, firstResponse.At),
            closed,
            closed is null ? null : toClose,
            closed is null ? null : toCloseWorking,
            waiting,
            waitingWorking,
            inProgress,
            onHold,
            moves.Count(m => m.From == ThreadStatus.Closed && m.To != ThreadStatus.Closed),
            followUps,
            answered,
            moves.FirstOrDefault(m => m.Reason.StartsWith(IssueStatusRules.ReasonTriagedPrefix, StringComparison.Ordinal))?.At);
    }

    /// <summary>
    /// Met when the first response came within the target's working time; missed when it came later, or when none came
    /// and the item has already waited longer (in working time) by the range end; otherwise not decided yet.
    /// </summary>
    public static TargetOutcome Target(ItemMeasure measure, TimeSpan target)
    {
        ArgumentNullException.ThrowIfNull(measure);
        if (measure.FirstResponseWorking is { } response)
        {
            return response <= target ? TargetOutcome.Met : TargetOutcome.Missed;
        }

        return measure.WaitingWorking > target ? TargetOutcome.Missed : TargetOutcome.Undecided;
    }

    /// <summary>The item's status at <paramref name="instant"/> (null before it existed).</summary>
    public static ThreadStatus? StatusAt(ItemHistory item, DateTime instant)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (instant < item.CreatedAt)
        {
            return null;
        }

        var status = InitialStatus(item.Moves);
        foreach (var move in item.Moves.OrderBy(m => m.At))
        {
            if (move.At > instant)
            {
                break;
            }

            status = move.To;
        }

        return status;
    }

    /// <summary>Median and 90th percentile (nearest rank: the smallest value with at least p of the values at or below it).</summary>
    public static HoursStat Stat(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Select(v => v.TotalHours).Order().ToList();
        return sorted.Count == 0 ? HoursStat.None : new HoursStat(Percentile(sorted, 0.5), Percentile(sorted, 0.9), sorted.Count);
    }

    /// <summary>Nearest-rank percentile of an ascending list; <paramref name="p"/> in (0, 1].</summary>
    public static double Percentile(IReadOnlyList<double> ascending, double p)
    {
        ArgumentNullException.ThrowIfNull(ascending);
        if (ascending.Count == 0)
        {
            throw new ArgumentException("No values.", nameof(ascending));
        }

        var rank = (int)Math.Ceiling(p * ascending.Count);
        return ascending[Math.Clamp(rank, 1, ascending.Count) - 1];
    }

    /// <summary>Monday 00:00 UTC of the week that contains <paramref name="utc"/>.</summary>
    public static DateTime WeekStart(DateTime utc)
    {
        var date = utc.Date;
        return DateTime.SpecifyKind(date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), DateTimeKind.Utc);
    }

    /// <summary>
    /// Groups On Hold notes by the words they use (lower case, three letters or more, common words left out): each word
    /// with the items whose note contains it, most items first, at most <paramref name="top"/> words.
    /// </summary>
    public static IReadOnlyList<ReasonWord> ReasonWords(IEnumerable<(long ItemId, string Note)> notes, int top)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var byWord = new Dictionary<string, SortedSet<long>>(StringComparer.Ordinal);
        foreach (var (itemId, note) in notes)
        {
            foreach (var word in Words(note))
            {
                if (!byWord.TryGetValue(word, out var items))
                {
                    byWord[word] = items = [];
                }

                items.Add(itemId);
            }
        }

        return byWord.OrderByDescending(w => w.Value.Count).ThenBy(w => w.Key, StringComparer.Ordinal).Take(top)
            .Select(w => new ReasonWord(w.Key, [.. w.Value])).ToList();
    }

    /// <summary>A CSV cell: quoted when needed, and prefixed with <c>'</c> when a spreadsheet would read it as a formula.</summary>
    public static string CsvCell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }

    /// <summary>Hours with two decimals, invariant ("1.50").</summary>
    public static string Hours(double hours) => hours.ToString("0.00", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Words(string note)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var word = new StringBuilder();
        foreach (var c in (note ?? "") + " ")
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                continue;
            }

            if (word.Length >= 3 && !StopWords.Contains(word.ToString()) && !word.ToString().All(char.IsDigit) && seen.Add(word.ToString()))
            {
                yield return word.ToString();
            }

            word.Clear();
        }
    }

    private static ThreadStatus InitialStatus(IReadOnlyList<StatusMove> moves) =>
        moves.Count == 0 ? ThreadStatus.Open : moves.MinBy(m => m.At)!.From;

    /// <summary>The item's time cut into spells of one status, from its creation to <paramref name="end"/>; empty before it existed.</summary>
    public static IReadOnlyList<StatusSpell> Spells(ItemHistory item, DateTime end)
    {
        ArgumentNullException.ThrowIfNull(item);
        var spells = new List<StatusSpell>();
        if (end <= item.CreatedAt)
        {
            return spells;
        }

        var moves = MovesUntil(item, end);
        var status = InitialStatus(item.Moves);
        var start = item.CreatedAt;
        foreach (var move in moves)
        {
            // A move stamped before the item's creation (a first sync's ✅) changes the status without a spell.
            var at = move.At < item.CreatedAt ? item.CreatedAt : move.At;
            if (at > start)
            {
                spells.Add(new StatusSpell(status, start, at));
            }

            status = move.To;
            start = at;
        }

        spells.Add(new StatusSpell(status, start, end));
        return spells;
    }

    private static List<StatusMove> MovesUntil(ItemHistory item, DateTime end) => item.Moves.Where(m => m.At <= end).OrderBy(m => m.At).ToList();
}
