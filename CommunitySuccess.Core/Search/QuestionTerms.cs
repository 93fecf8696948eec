using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CommunitySuccess.Core.Search;

/// <summary>What kind of evidence a term is: an identifier or error code says more about "the same problem" than a word.</summary>
public enum TermKind
{
    /// <summary>An ordinary word of the question.</summary>
    Word,

    /// <summary>A word on an error line, in a stack trace or inside code.</summary>
    ErrorText,

    /// <summary>Part of an identifier, error code, status code or path: <c>PartitionPlanner</c>, <c>ECONNREFUSED</c>, <c>429</c>.</summary>
    Identifier,
}

/// <summary>A distinctive term of a question and how much its kind counts (before rarity).</summary>
public sealed record QueryTerm(string Term, TermKind Kind, double Boost);

/// <summary>A term with its final weight: its kind's boost times its rarity in the index. <see cref="IsCommon"/>: the index
/// stopped counting it (too many documents to find candidates by).</summary>
public sealed record WeightedTerm(string Term, TermKind Kind, double Weight, int DocumentFrequency, bool IsCommon = false);

/// <summary>
/// The pure rules of "similar earlier questions": which terms of a question are distinctive (error messages,
/// stack-trace lines, identifiers and rare words weigh most; greetings and common words never count), how rarity in the
/// index turns into weight, and how well a candidate's text covers the question's weighted terms. No I/O: the
/// counts come from <see cref="ISearchIndex.CountTermsAsync"/>.
/// </summary>
public static partial class QuestionTerms
{
    /// <summary>Boost of an ordinary word.</summary>
    public const double WordBoost = 1.0;

    /// <summary>Boost of a word on an error line, in a stack trace or in code.</summary>
    public const double ErrorBoost = 1.6;

    /// <summary>Boost of an identifier, error code or status code.</summary>
    public const double IdentifierBoost = 2.2;

    /// <summary>Terms beyond this many (the weightiest kept) add cost and little evidence.</summary>
    public const int MaxTerms = 16;

    // Greetings, filler and the most common English words: they say nothing about which problem it is. Support
    // vocabulary that every question shares ("error", "issue", "help") is left to rarity, which knows better per install.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "above", "after", "again", "all", "also", "am", "an", "and", "any", "anyone", "anybody", "anything", "are", "as",
        "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "cannot", "could", "did", "do",
        "does", "doing", "don", "done", "down", "during", "each", "else", "even", "ever", "every", "few", "for", "from", "further", "get",
        "gets", "getting", "got", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in",
        "into", "is", "it", "its", "itself", "just", "let", "like", "ll", "me", "might", "more", "most", "much", "must", "my", "myself",
        "need", "needs", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours", "out",
        "over", "own", "re", "same", "shall", "she", "should", "so", "some", "something", "still", "such", "than", "that", "the",
        "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "under", "until", "up", "us", "ve",
        "very", "was", "we", "were", "what", "when", "where", "whether", "which", "while", "who", "whom", "why", "will", "with",
        "would", "yet", "you", "your", "yours", "s", "t", "d", "m", "way", "want", "wanted", "trying", "tried", "try", "see", "seems",
        "seem", "use", "using", "used", "since", "make", "makes", "know", "think", "maybe", "really", "there's", "it's", "im",
        // Greetings and politeness.
        "hi", "hello", "hey", "hiya", "thanks", "thank", "thx", "ty", "please", "pls", "plz", "cheers", "regards", "morning",
        "afternoon", "evening", "guys", "folks", "team", "all", "everyone", "quick", "question", "questions", "help", "idea",
        "ideas", "sorry", "again", "anyone", "someone", "somebody", "ok", "okay", "great", "awesome", "appreciated", "appreciate", "advance",
        "hola", "gracias", "wave", "pray", "smile", "sweat", "tada",
    };

    private static readonly string[] ErrorMarkers =
    [
        "error", "exception", "fail", "failed", "fails", "failing", "failure", "denied", "refused", "invalid", "cannot", "can't",
        "unable", "timeout", "timed out", "crash", "crashes", "panic", "fatal", "traceback", "unhandled", "refuse", "not found",
        "forbidden", "unauthorized", "rejected", "warning", "level=error", "level=warn", "errno", "exit code", "status",
    ];

    /// <summary>
    /// The distinct terms of <paramref name="text"/> (Slack mrkdwn or GitHub markdown) that can tell one problem from
    /// another, each with the boost of its strongest occurrence, weightiest first. Tokens are what the full-text index
    /// sees (runs of letters and digits, lower-cased); links, mentions and emoji are dropped first.
    /// </summary>
    public static IReadOnlyList<QueryTerm> Extract(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var best = new Dictionary<string, QueryTerm>(StringComparer.Ordinal);
        var order = new List<string>();
        var inFence = false;
        foreach (var rawLine in Clean(text).Split('\n'))
        {
            var line = rawLine;
            var fences = Fence().Matches(line).Count;
            var lineInCode = inFence || fences > 0;
            if (fences % 2 == 1)
            {
                inFence = !inFence;
            }

            var errorLine = lineInCode || IsErrorLine(line);
            foreach (var (chunk, inInlineCode) in Chunks(line))
            {
                var identifier = IsIdentifierChunk(chunk);
                foreach (var token in Tokens(chunk))
                {
                    if (!IsCandidate(token, identifier || errorLine))
                    {
                        continue;
                    }

                    var kind = identifier || IsIdentifierToken(token) ? TermKind.Identifier
                        : errorLine || inInlineCode ? TermKind.ErrorText
                        : TermKind.Word;
                    var term = new QueryTerm(token, kind, BoostOf(kind));
                    if (!best.TryGetValue(token, out var known))
                    {
                        order.Add(token);
                        best[token] = term;
                    }
                    else if (term.Boost > known.Boost)
                    {
                        best[token] = term;
                    }
                }
            }
        }

        return [.. order.Select(t => best[t]).OrderByDescending(t => t.Boost).Take(MaxTerms)];
    }

    /// <summary>
    /// Weighs terms by rarity (BM25's inverse document frequency over <paramref name="documents"/> documents) times their
    /// kind's boost. <paramref name="frequencies"/> counts the documents holding each term, the question's own included
    /// (one less is used), up to <paramref name="cap"/>; a term found nowhere else can match nothing and is left out. A term
    /// that reached the cap is common: it is taken to be in at least one document of <see cref="CommonShare"/>, so a very
    /// common word weighs little even though its exact count is never paid for. Weightiest first.
    /// </summary>
    public static IReadOnlyList<WeightedTerm> Weigh(IReadOnlyList<QueryTerm> terms, IReadOnlyDictionary<string, int> frequencies, long documents, int cap)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(frequencies);
        var weighted = new List<WeightedTerm>();
        foreach (var term in terms)
        {
            var counted = frequencies.GetValueOrDefault(term.Term);
            var common = counted >= cap;
            var elsewhere = common ? (int)Math.Max(cap, documents / CommonShare) : Math.Max(0, counted - 1);
            if (elsewhere == 0)
            {
                continue;
            }

            weighted.Add(new WeightedTerm(term.Term, term.Kind, term.Boost * Idf(elsewhere, documents), elsewhere, common));
        }

        return [.. weighted.OrderByDescending(t => t.Weight).ThenBy(t => t.Term, StringComparer.Ordinal)];
    }

    /// <summary>A term the index stopped counting is assumed to be in one document of this many, or more.</summary>
    public const int CommonShare = 50;

    /// <summary>BM25's inverse document frequency, never negative: a word in half the documents is worth ~0.7, in one of 10,000 ~9.</summary>
    public static double Idf(int documentFrequency, long documents)
    {
        var n = Math.Max(documents, documentFrequency);
        return Math.Log(1 + ((n - documentFrequency + 0.5) / (documentFrequency + 0.5)));
    }

    /// <summary>
    /// How much of the question's weight a candidate covers, from 0 to 1: terms in its question count fully, terms only
    /// in the rest of its conversation (answers, comments) count half, since a same-problem question shares the error more
    /// than the replies do.
    /// </summary>
    public static double Coverage(IReadOnlyList<WeightedTerm> query, IReadOnlySet<string> questionTokens, IReadOnlySet<string> conversationTokens)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(questionTokens);
        ArgumentNullException.ThrowIfNull(conversationTokens);
        var total = query.Sum(t => t.Weight);
        if (total <= 0)
        {
            return 0;
        }

        var covered = 0.0;
        foreach (var term in query)
        {
            var key = Fold(term.Term);
            covered += questionTokens.Contains(key) ? term.Weight : conversationTokens.Contains(key) ? term.Weight / 2 : 0;
        }

        return covered / total;
    }

    /// <summary>The folded tokens of a text (lower case, accents removed), as a set to test coverage against.</summary>
    public static IReadOnlySet<string> TokenSet(string? text) =>
        string.IsNullOrEmpty(text) ? new HashSet<string>(StringComparer.Ordinal) : Tokens(text).Select(Fold).ToHashSet(StringComparer.Ordinal);

    /// <summary>Runs of letters and digits, lower-cased: the full-text tokenizers' view of a text.</summary>
    public static IEnumerable<string> Tokens(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Snippets.Words(text).Select(w => w.Word.ToLowerInvariant());
    }

    /// <summary>Lower case without accents, as FTS5's <c>remove_diacritics</c> compares.</summary>
    public static string Fold(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        var decomposed = word.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark))
        {
            folded.Append(c);
        }

        return folded.ToString();
    }

    private static double BoostOf(TermKind kind) => kind switch
    {
        TermKind.Identifier => IdentifierBoost,
        TermKind.ErrorText => ErrorBoost,
        _ => WordBoost,
    };

    private static bool IsErrorLine(string line)
    {
        var lower = line.ToLowerInvariant();
        return StackFrame().IsMatch(line) || ErrorMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal));
    }

    // Pure numbers count only from three digits (status codes, ports, migration numbers), never version parts like "3" or "8".
    private static bool IsCandidate(string token, bool technical)
    {
        if (StopWords.Contains(token))
        {
            return false;
        }

        if (token.All(char.IsDigit))
        {
            return token.Length >= 3;
        }

        return token.Length >= 3 || (technical && token.Length == 2);
    }

    /// <summary>A chunk written like code: CamelCase inside, dots / underscores / slashes / colons between letters, letters and
    /// digits mixed, or an all-capitals code such as <c>ECONNREFUSED</c>.</summary>
    private static bool IsIdentifierChunk(string chunk)
    {
        var core = chunk.Trim('`', '"', '\'', '(', ')', '[', ']', '{', '}', ',', ';', '.', ':', '!', '?', '*', '_', '~');
        if (core.Length < 3 || core.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return InnerCamel().IsMatch(core) || JoinedWords().IsMatch(core) || IsIdentifierToken(core)
            || (core.Length >= 4 && core.All(c => char.IsUpper(c) || char.IsDigit(c) || c == '_') && core.Any(char.IsLetter));
    }

    // Letters and digits in one token: E4711, sha256, 0x80004005, utf8 — codes rather than words.
    private static bool IsIdentifierToken(string token) =>
        token.Length >= 3 && token.Any(char.IsDigit) && token.Any(char.IsLetter);

    /// <summary>Whitespace-separated chunks of a line, and whether each is inside inline code.</summary>
    private static IEnumerable<(string Chunk, bool InCode)> Chunks(string line)
    {
        var inCode = false;
        foreach (var piece in line.Split('`'))
        {
            foreach (var chunk in piece.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                yield return (chunk, inCode);
            }

            inCode = !inCode;
        }
    }

    // Links, mentions, channel references and emoji shortcodes name nothing about the problem.
    private static string Clean(string text)
    {
        var cleaned = SlackLink().Replace(text, m => m.Groups["label"].Success ? m.Groups["label"].Value : "");
        cleaned = Url().Replace(cleaned, "");
        return Emoji().Replace(cleaned, " ");
    }

    [GeneratedRegex("```")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^\s*(at|File)\s+\S+[\.\(:]")]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"[a-z][A-Z]")]
    private static partial Regex InnerCamel();

    [GeneratedRegex(@"[A-Za-z0-9][\._/:\\][A-Za-z]")]
    private static partial Regex JoinedWords();

    [GeneratedRegex(@"<(?:[@#!][^>|]*|(?:https?|mailto):[^>|]*)(?:\|(?<label>[^>]*))?>")]
    private static partial Regex SlackLink();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();

    [GeneratedRegex(@":[a-z0-9_+\-]+:")]
    private static partial Regex Emoji();
}
