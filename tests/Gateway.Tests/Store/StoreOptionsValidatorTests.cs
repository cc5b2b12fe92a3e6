using Gateway.Configuration;

namespace Gateway.Tests.Store;

public class StoreOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new StoreOptionsValidator().Validate(null, new StoreOptions()).Succeeded);

    [Fact]
    public void Each_problem_names_the_key_the_value_and_what_is_expected()
    {
        var options = new StoreOptions
        {
            Directory = "relative/store",
            SegmentBytes = 1000,
            MaxBytes = 100_000,
            MaxAgeHours = -1,
            Sync = (StoreSyncMode)9,
            CommitIntervalMs = 5000,
        };

        var failures = new StoreOptionsValidator().Validate(null, options).Failures!.ToList();

        Assert.Contains("Store:Directory = 'relative/store': expected an absolute directory path", failures[0], StringComparison.Ordinal);
        Assert.Contains(failures, f => f.StartsWith("Store:SegmentBytes = '1000': expected a whole number from 65536 to 67108864", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Store:MaxBytes = '100000': expected a byte count from 262144", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Store:MaxAgeHours = '-1'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Store:Sync = '9': expected EveryCommit, Interval or None", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Store:CommitIntervalMs = '5000'", StringComparison.Ordinal));
    }

    [Fact]
    public void The_memory_engine_only_checks_its_capacity()
    {
        var options = new StoreOptions { Engine = StoreEngine.Memory, SegmentBytes = 1, MemoryCapacity = 10 };

        var failure = Assert.Single(new StoreOptionsValidator().Validate(null, options).Failures!);
        Assert.StartsWith("Store:MemoryCapacity = '10'", failure, StringComparison.Ordinal);
    }
}
