using CommunitySuccess.Core.Inbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Tests.Inbox;

/// <summary>A test-only context holding just the inbox tables, as the app's context will configure them.</summary>
public sealed class InboxTestDbContext(DbContextOptions<InboxTestDbContext> options) : DbContext(options)
{
    public DbSet<SupportThread> Threads => Set<SupportThread>();

    public DbSet<ThreadMessage> Messages => Set<ThreadMessage>();

    public DbSet<ThreadReaction> Reactions => Set<ThreadReaction>();

    public DbSet<ThreadStatusChange> StatusChanges => Set<ThreadStatusChange>();

    public DbSet<ThreadNote> Notes => Set<ThreadNote>();

    public DbSet<SlackUserProfile> SlackUsers => Set<SlackUserProfile>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(SupportThread).Assembly,
            type => type.Namespace == typeof(SupportThread).Namespace);
}

/// <summary>A SQLite in-memory database that lives as long as this object keeps its connection open.</summary>
public sealed class InboxTestDatabase : IDisposable
{
    private readonly SqliteConnection _connection = new("DataSource=:memory:");

    public InboxTestDatabase()
    {
        _connection.Open();
        using var context = CreateContext();
        context.Database.EnsureCreated();
    }

    public SqliteConnection Connection => _connection;

    public InboxTestDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<InboxTestDbContext>().UseSqlite(_connection).Options);

    public void Dispose() => _connection.Dispose();
}
