using System.Security.Cryptography;
using P2C2R.Edge.Identity;

namespace P2C2R.Edge.Tests;

public sealed class IdentityStoreTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "p2c2r-identity-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_key_is_made_once_in_a_new_folder_readable_by_its_owner_only_and_loaded_after()
    {
        var path = Path.Combine(folder, "nested", "helper.key");

        using var made = IdentityStore.LoadOrCreate(path);
        using var loaded = IdentityStore.LoadOrCreate(path);

        Assert.Equal(256, made.KeySize);
        Assert.Equal(made.ExportSubjectPublicKeyInfo(), loaded.ExportSubjectPublicKeyInfo());
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(path), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Keys_at_two_paths_are_two_accounts()
    {
        using var a = IdentityStore.LoadOrCreate(Path.Combine(folder, "a.key"));
        using var b = IdentityStore.LoadOrCreate(Path.Combine(folder, "b.key"));

        Assert.NotEqual(a.ExportSubjectPublicKeyInfo(), b.ExportSubjectPublicKeyInfo());
    }

    [Fact]
    public void A_file_that_is_not_a_p256_key_is_refused_and_left_alone()
    {
        Directory.CreateDirectory(folder);
        var garbage = Path.Combine(folder, "garbage.key");
        File.WriteAllText(garbage, "not a key");
        var p384 = Path.Combine(folder, "p384.key");
        using (var other = ECDsa.Create(ECCurve.NamedCurves.nistP384))
        {
            File.WriteAllText(p384, other.ExportPkcs8PrivateKeyPem());
        }

        Assert.ThrowsAny<Exception>(() => IdentityStore.LoadOrCreate(garbage));
        Assert.Throws<CryptographicException>(() => IdentityStore.LoadOrCreate(p384));
        Assert.Equal("not a key", File.ReadAllText(garbage));
    }

    [Fact]
    public void The_default_path_is_the_roles_key_in_the_users_p2c2r_configuration()
    {
        var path = IdentityStore.DefaultPath("gamer");

        Assert.Equal("gamer.key", Path.GetFileName(path));
        Assert.Equal("p2c2r", Path.GetFileName(Path.GetDirectoryName(path)));
        Assert.True(Path.IsPathRooted(path));
    }

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
