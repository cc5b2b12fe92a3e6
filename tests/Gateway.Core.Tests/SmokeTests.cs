namespace Gateway.Core.Tests;

public class SmokeTests
{
    [Fact]
    public void Vectors_are_copied_next_to_the_tests() =>
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "vectors", "frames.tsv")));
}
