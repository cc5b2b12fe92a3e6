namespace Gateway.Core.Mapping.Cumulocity;

/// <summary>
/// A row from <c>s/e</c>: <c>&lt;code&gt;,&lt;templateId&gt;,&lt;message&gt;</c>, e.g.
/// <c>41,100,Device already existing</c>. For logs only: <c>s/e</c> is verbose, its codes are not
/// documented for MQTT, and it is not a response channel, so nothing may depend on it.
/// </summary>
/// <param name="Code">The error code, e.g. 41 (SmartREST 1.0's table: 40 template not found, 41 creation error, 42 malformed, 45 wrong arguments, 50 server error).</param>
/// <param name="TemplateId">The template the error is about; may be empty or a template collection's X-ID.</param>
/// <param name="Message">The message; empty when there is none.</param>
public sealed record SmartRestDiagnostic(int Code, string TemplateId, string Message);
