using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CommunitySuccess.Web.DemoMode;

/// <summary>
/// The moment demo mode's sandbox history is written as of, kept beside the demo database (<c>demo.db.seed</c>). The
/// sandbox lives in memory and is seeded at every start; seeded "now" each time, its messages would get new
/// timestamps and the kept database would sync a second copy of every thread. Seeded as of the same moment, a
/// restart finds what it already has (and the demo simply ages, as a real workspace does).
/// </summary>
public static class DemoSeedMoment
{
    public static DateTimeOffset ReadOrCreate(string connectionString, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrWhiteSpace(database) || database == ":memory:")
        {
            return time.GetUtcNow();
        }

        var file = database + ".seed";
        // A database without its moment (deleted, or from before this file existed) starts a new history.
        if (File.Exists(database) && File.Exists(file)
            && DateTimeOffset.TryParse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var kept))
        {
            return kept;
        }

        var now = time.GetUtcNow();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        File.WriteAllText(file, now.ToString("O", CultureInfo.InvariantCulture));
        return now;
    }
}
