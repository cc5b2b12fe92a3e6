namespace Gateway.Core.Framing;

/// <summary>The type letter of a frame (ADR 0001); each value is the letter's character code.</summary>
public enum FrameType
{
    /// <summary><c>A</c>: a board acknowledges a command.</summary>
    Ack = 'A',

    /// <summary><c>C</c>: a command from the gateway to a board.</summary>
    Command = 'C',

    /// <summary><c>E</c>: an event (data frame).</summary>
    Event = 'E',

    /// <summary><c>H</c>: a board introduces itself.</summary>
    Hello = 'H',

    /// <summary><c>N</c>: a board refuses a command.</summary>
    Nak = 'N',

    /// <summary><c>R</c>: sensor readings (data frame).</summary>
    Reading = 'R',
}
