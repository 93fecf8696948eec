using CommunitySuccess.Core.Configuration;
using Microsoft.Extensions.Options;

namespace CommunitySuccess.Core.Data;

/// <summary>The <c>Database</c> section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string DefaultConnectionString = "Data Source=data/communitysuccess.db";

    /// <summary><c>Sqlite</c> (the default) or <c>Postgres</c> (then <c>ConnectionStrings:Default</c> is an Npgsql connection string).</summary>
    public string Provider { get; set; } = "Sqlite";
}

public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var errors = new OptionsErrors();
        errors.Require(DatabaseSettings.ParseProvider(options.Provider) is not null, DatabaseSettings.UnknownProviderError(options.Provider));
        return errors.ToResult();
    }
}
