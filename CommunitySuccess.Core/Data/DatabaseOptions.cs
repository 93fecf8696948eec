using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Data;

/// <summary>The <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string DefaultConnectionString = "Data Source=data/communitysuccess.db";

    /// <summary><c>Sqlite</c> (the default). <c>Postgres</c> arrives with the several-instances issue.</summary>
    public string Provider { get; set; } = "Sqlite";
}

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var errors = new OptionsErrors();
        errors.Require(string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase),
            $"Database:Provider must be Sqlite (PostgreSQL support is not built yet), not '{options.Provider}'.");
        return errors.ToResult();
    }
}
