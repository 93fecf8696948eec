using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace CommunitySuccess.Core.Data;

/// <summary>
/// ASP.NET Core Data Protection keys in the <c>DataProtectionKeys</c> table, so a sign-in cookie or antiforgery
/// token issued by one instance is read by every other. The table is created at start-up
/// (<see cref="PostgresDatabase.SupportObjectsSql"/>). Data Protection calls this synchronously, rarely (it caches the
/// key ring), hence the synchronous ADO.NET.
/// </summary>
public sealed class PostgresXmlRepository(DatabaseSettings settings) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = new NpgsqlConnection(settings.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("""SELECT "Xml" FROM "DataProtectionKeys" ORDER BY "Id" """, connection);
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = new NpgsqlConnection(settings.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("""INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml") VALUES (@name, @xml)""", connection);
        command.Parameters.AddWithValue("name", friendlyName);
        command.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
