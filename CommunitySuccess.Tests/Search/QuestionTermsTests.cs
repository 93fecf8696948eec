using CommunitySuccess.Core.Search;

namespace CommunitySuccess.Tests.Search;

/// <summary>The pure rules of similar questions: which terms count, how much, and how coverage is computed.</summary>
public sealed class QuestionTermsTests
{
    [Theory]
    [InlineData("ECONNREFUSED when connecting", "econnrefused", TermKind.Identifier)]
    [InlineData("at Acme.Sync.Worker.PartitionPlanner.Plan(shards)", "partitionplanner", TermKind.Identifier)]
    [InlineData("Exporter fails with E4711", "e4711", TermKind.Identifier)]
    [InlineData("We get `429 Too Many Requests`", "429", TermKind.ErrorText)]
    [InlineData("Unhandled exception: sequence contains no elements", "sequence", TermKind.ErrorText)]
    [InlineData("```\nlease expired for the job\n```", "lease", TermKind.ErrorText)]
    [InlineData("Set `ingress.tls` in the chart", "ingress", TermKind.Identifier)]
    [InlineData("How do I rotate the signing key?", "rotate", TermKind.Word)]
    [InlineData("The dashboard widget shows nothing", "dashboard", TermKind.Word)]
    public void Extract_TermInContext_HasKind(string text, string term, TermKind kind)
    {
        var found = Assert.Single(QuestionTerms.Extract(text), t => t.Term == term);

        Assert.Equal(kind, found.Kind);
    }

    [Theory]
    [InlineData("Hi team! Thanks in advance, hello :wave: please help")]
    [InlineData("hey folks, quick question: any ideas?")]
    [InlineData("<@U05ANALIMA1> see <https://docs.acme.example/auth|>")]
    [InlineData("3.8.0 vs 3.7")]
    [InlineData("")]
    public void Extract_GreetingsMentionsLinksAndVersionParts_GiveNoTerms(string text)
    {
        Assert.Empty(QuestionTerms.Extract(text));
    }

    [Fact]
    public void Extract_SlackLinkWithLabel_KeepsLabelWordsOnly()
    {
        var terms = QuestionTerms.Extract("I followed <https://docs.acme.example/auth/okta|the Okta guide>").Select(t => t.Term).ToList();

        Assert.Equal(["followed", "okta", "guide"], terms);
    }

    [Fact]
    public void Extract_TermSeenAsWordAndInError_KeepsTheStrongerBoost()
    {
        var term = Assert.Single(QuestionTerms.Extract("The worker stops.\nError: worker timeout"), t => t.Term == "worker");

        Assert.Equal(QuestionTerms.ErrorBoost, term.Boost);
    }

    [Theory]
    // In one document of 10,000 a term is worth far more than in half of them; never negative.
    [InlineData(1, 10_000, 8.5, 9.5)]
    [InlineData(5_000, 10_000, 0.6, 0.8)]
    [InlineData(10_000, 10_000, 0.0, 0.1)]
    [InlineData(20, 10, 0.0, 0.1)]
    public void Idf_DocumentFrequency_GivesRarityWeight(int frequency, long documents, double low, double high)
    {
        Assert.InRange(QuestionTerms.Idf(frequency, documents), low, high);
    }

    [Fact]
    public void Weigh_TermsOnlyInTheQuestionItself_AreLeftOut_RareIdentifiersFirst()
    {
        QueryTerm[] terms = [new("worker", TermKind.Word, 1), new("e4711", TermKind.Identifier, QuestionTerms.IdentifierBoost), new("typo", TermKind.Word, 1)];
        var frequencies = new Dictionary<string, int> { ["worker"] = 400, ["e4711"] = 3, ["typo"] = 1 };

        var weighted = QuestionTerms.Weigh(terms, frequencies, 1_000, cap: 500);

        Assert.Equal(["e4711", "worker"], weighted.Select(t => t.Term));
        Assert.Equal([2, 399], weighted.Select(t => t.DocumentFrequency));
        Assert.True(weighted[0].Weight > 5 * weighted[1].Weight);
        Assert.DoesNotContain(weighted, t => t.IsCommon);
    }

    [Fact]
    public void Weigh_TermCountedUpToTheCap_IsCommonAndWeighsAsOneDocumentInFifty()
    {
        QueryTerm[] terms = [new("deploy", TermKind.Word, 1), new("e4711", TermKind.Identifier, 1)];

        var weighted = QuestionTerms.Weigh(terms, new Dictionary<string, int> { ["deploy"] = 200, ["e4711"] = 6 }, 500_000, cap: 200);

        var deploy = Assert.Single(weighted, t => t.Term == "deploy");
        Assert.True(deploy.IsCommon);
        Assert.Equal(10_000, deploy.DocumentFrequency);
        Assert.Equal(QuestionTerms.Idf(10_000, 500_000), deploy.Weight, 6);
        Assert.False(Assert.Single(weighted, t => t.Term == "e4711").IsCommon);
    }

    [Theory]
    [InlineData("Exporter crash E4711", "", 1.0)]
    [InlineData("exporter", "e4711 crash", 0.5 + 0.25)]
    [InlineData("", "exporter crash e4711", 0.5)]
    [InlineData("Éxporter", "", 0.5)]
    [InlineData("something else", "entirely", 0.0)]
    public void Coverage_QuestionCountsFully_ConversationHalf(string question, string conversation, double expected)
    {
        WeightedTerm[] query = [new("exporter", TermKind.Word, 2, 1), new("e4711", TermKind.Identifier, 1, 1), new("crash", TermKind.Word, 1, 1)];

        var coverage = QuestionTerms.Coverage(query, QuestionTerms.TokenSet(question), QuestionTerms.TokenSet(conversation));

        Assert.Equal(expected, coverage, 3);
    }

    [Theory]
    [InlineData("Set LOG_LEVEL=debug.", "https://acme.slack.com/archives/C1/p1", "Set LOG_LEVEL=debug.\n\n(Answered earlier: https://acme.slack.com/archives/C1/p1)")]
    [InlineData("  Restart it.\n", null, "Restart it.")]
    public void Compose_EarlierAnswer_SaysWhereItWasGiven(string answer, string? link, string expected)
    {
        Assert.Equal(expected, EarlierAnswer.Compose(answer, link));
    }

    [Fact]
    public void Excerpt_LongAnswer_FirstThreeLinesWithoutCodeFences()
    {
        Assert.Equal("one\ntwo\nthree", SimilarItemsService.Excerpt("one\n```\ntwo\n\nthree\nfour"));
    }
}
