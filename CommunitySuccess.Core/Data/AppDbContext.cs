using CommunitySuccess.Core.Accounts;
using CommunitySuccess.Core.Inbox;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CommunitySuccess.Core.Data;

/// <summary>
/// The one database: Identity tables and every feature's tables. Each feature owns its entities and their
/// <see cref="IEntityTypeConfiguration{TEntity}"/>; they are picked up from this assembly.
/// </summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options)
{
    private static readonly InboxItemProjection ThreadProjection = new();

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        ArgumentNullException.ThrowIfNull(optionsBuilder);

        // Every context keeps the inbox's read model in step with the Slack threads it saves, however it was built.
        optionsBuilder.AddInterceptors(ThreadProjection);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
