using System.Security.Cryptography;

namespace P2C2R.Edge.Identity;

/// <summary>
/// A helper's or gamer's ECDSA P-256 key on disk (PKCS#8 PEM), made on first run. The key is the
/// account (docs/PROTOCOL.md §2): losing the file loses the account, so it is written whole or not
/// at all, readable by its owner only, and never replaced once it exists.
/// </summary>
public static class IdentityStore
{
    /// <summary>Loads the key at <paramref name="path"/>, creating it (and its folder) when there is none.</summary>
    /// <exception cref="CryptographicException">The file holds no P-256 private key.</exception>
    public static ECDsa LoadOrCreate(string path)
    {
        path = Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            TryCreate(path);
        }

        return Load(path);
    }

    /// <summary>
    /// Where <paramref name="role"/>'s key lives by default: <c>$XDG_CONFIG_HOME/p2c2r/ROLE.key</c>,
    /// else <c>~/.config/p2c2r/ROLE.key</c> (the user's application data folder on Windows).
    /// </summary>
    public static string DefaultPath(string role)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(role);
        var config = Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        if (string.IsNullOrEmpty(config))
        {
            config = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        }

        return Path.Combine(config, "p2c2r", role + ".key");
    }

    private static ECDsa Load(string path)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            if (key.KeySize != 256 || key.ExportParameters(false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new CryptographicException($"{path} does not hold an ECDSA P-256 key");
            }

            return key;
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static void TryCreate(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem();
        var temporary = path + "." + Environment.ProcessId + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(pem);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            // Another process may have made the key meanwhile: theirs stands, this one is dropped.
            if (!File.Exists(path))
            {
                File.Move(temporary, path, overwrite: false);
            }
        }
        catch (IOException) when (File.Exists(path))
        {
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
