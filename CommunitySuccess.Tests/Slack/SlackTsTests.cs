using CommunitySuccess.Core.Slack;
using CommunitySuccess.Core.SlackMarkup;

namespace CommunitySuccess.Tests.Slack;

public sealed class SlackTsTests
{
    [Fact]
    public void ToUtcDateTime_TsWithMicroseconds_KeepsEveryMicrosecond()
    {
        var time = SlackTs.ToUtcDateTime("1700000000.000100");

        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Utc).AddTicks(1000), time);
        Assert.Equal(DateTimeKind.Utc, time.Kind);
    }

    [Theory]
    [InlineData("1700000000.000100")]
    [InlineData("1512085950.000216")]
    [InlineData("1719209506.817929")]
    [InlineData("0.000000")]
    public void FromUtcDateTime_RoundTrip_GivesTheSameTs(string ts)
    {
        Assert.Equal(ts, SlackTs.FromUtcDateTime(SlackTs.ToUtcDateTime(ts)));
    }

    [Fact]
    public void FromUtcDateTime_UnspecifiedKind_IsTakenAsUtc()
    {
        var stored = new DateTime(2023, 11, 14, 22, 13, 20, DateTimeKind.Unspecified);

        Assert.Equal("1700000000.000000", SlackTs.FromUtcDateTime(stored));
        Assert.Equal("1700000000.000000", SlackTs.FromDateTimeOffset(new DateTimeOffset(2023, 11, 15, 0, 13, 20, TimeSpan.FromHours(2))));
    }

    [Theory]
    [InlineData("999.000001", "1000.000000", -1)]
    [InlineData("1700000000.000100", "1700000000.000099", 1)]
    [InlineData("1700000000.1", "1700000000.099999", 1)]
    [InlineData("1700000000.000100", "1700000000.000100", 0)]
    [InlineData("1700000000", "1700000000.000000", 0)]
    public void Compare_ByNumberNotByText(string left, string right, int expectedSign)
    {
        Assert.Equal(expectedSign, Math.Sign(SlackTs.Compare(left, right)));
        Assert.Equal(-expectedSign, Math.Sign(SlackTs.Compare(right, left)));
    }

    [Fact]
    public void Comparer_SortsTimestampsNumerically()
    {
        string[] ts = ["1000.000000", "999.500000", "1000.000001", "999.000001"];

        Assert.Equal(["999.000001", "999.500000", "1000.000000", "1000.000001"], ts.Order(SlackTs.Comparer));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1.2.3")]
    [InlineData("1700000000.0000001")]
    [InlineData("-1.000000")]
    [InlineData("1700000000.")]
    [InlineData(".000100")]
    public void ToUtcDateTime_NotATs_ThrowsFormatException(string ts)
    {
        Assert.False(SlackTs.TryToUtcDateTime(ts, out _));
        Assert.False(SlackTs.IsValid(ts));
        var ex = Assert.Throws<FormatException>(() => SlackTs.ToUtcDateTime(ts));
        Assert.Contains("Slack timestamp", ex.Message, StringComparison.Ordinal);
    }
}
