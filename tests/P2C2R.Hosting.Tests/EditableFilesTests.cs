namespace P2C2R.Hosting.Tests;

/// <summary>The repository's editable hocon/*.conf files stay within what the loader accepts.</summary>
public sealed class EditableFilesTests
{
    public static TheoryData<string> EditableFiles()
    {
        var data = new TheoryData<string>();
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var hocon = Path.Combine(directory.FullName, "hocon");
            if (Directory.Exists(hocon) && File.Exists(Path.Combine(directory.FullName, "P2C2R.sln")))
            {
                foreach (var file in Directory.GetFiles(hocon, "*.conf").Order(StringComparer.Ordinal))
                {
                    data.Add(file);
                }

                return data;
            }
        }

        throw new InvalidOperationException("no hocon/ folder beside P2C2R.sln above " + AppContext.BaseDirectory);
    }

    [Theory]
    [MemberData(nameof(EditableFiles))]
    public void An_editable_file_layers_without_error(string file)
    {
        var root = Path.GetTempPath();
        var withoutEnvironment = NodeConfiguration.Load("testnode", typeof(EditableFilesTests).Assembly, file, root, environment: new Dictionary<string, string>());
        var withEnvironment = NodeConfiguration.Load("testnode", typeof(EditableFilesTests).Assembly, file, root, environment: new Dictionary<string, string>
        {
            ["P2C2R_COORDINATOR"] = "10.0.0.1:9",
            ["P2C2R_COORDINATOR_PORT"] = "9",
        });

        Assert.True(withoutEnvironment.HasPath("p2c2r"));
        Assert.NotEqual(withoutEnvironment.Root.ToString(), withEnvironment.Root.ToString());
    }
}
