namespace Gateway.Tests.Faults;

/// <summary>
/// The fault tests run one at a time and apart from the rest of the suite: each drives a gateway, a broker and a
/// board at full speed, and their time bounds assume they do not compete with each other for two cores.
/// </summary>
[CollectionDefinition(nameof(OneFaultAtATime), DisableParallelization = true)]
public sealed class OneFaultAtATime;
