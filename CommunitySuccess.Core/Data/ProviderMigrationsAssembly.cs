using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace CommunitySuccess.Core.Data;

/// <summary>
/// SQLite's and PostgreSQL's migrations live side by side in this assembly, each in its own namespace
/// (<c>Data/Migrations</c> and <c>Data/Migrations/Postgres</c>): EF would otherwise see both sets for the one
/// context. This keeps the migrations and the model snapshot of the provider in use, at run time and for
/// <c>dotnet ef migrations add</c> alike.
/// </summary>
#pragma warning disable EF1001 // MigrationsAssembly is EF's own implementation; only the type filter is ours.
public sealed class ProviderMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator,
    IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    public const string SqliteNamespace = "CommunitySuccess.Core.Data.Migrations";
    public const string PostgresNamespace = "CommunitySuccess.Core.Data.Migrations.Postgres";

    private readonly string _namespace = currentContext.Context.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL"
        ? PostgresNamespace
        : SqliteNamespace;

    private readonly Type _contextType = currentContext.Context.GetType();

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        base.Migrations.Where(m => m.Value.Namespace == _namespace).ToDictionary(m => m.Key, m => m.Value);

    public override ModelSnapshot? ModelSnapshot => Assembly.DefinedTypes
        .Where(t => t.Namespace == _namespace && t.IsSubclassOf(typeof(ModelSnapshot)) && !t.IsAbstract
            && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == _contextType)
        .Select(t => (ModelSnapshot)Activator.CreateInstance(t)!)
        .FirstOrDefault();
}
#pragma warning restore EF1001
