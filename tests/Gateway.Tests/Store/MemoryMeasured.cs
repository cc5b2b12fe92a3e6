namespace Gateway.Tests.Store;

/// <summary>
/// Tests that measure the process's managed memory, and the one that allocates most (the crash test's output):
/// run one after the other, not side by side.
/// </summary>
[CollectionDefinition(Name)]
public sealed class MemoryMeasured
{
    public const string Name = "Store memory measured";
}
