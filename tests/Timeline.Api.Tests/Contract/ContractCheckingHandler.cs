namespace Timeline.Api.Tests.Contract;

/// <summary>
/// Sits in every test client of <see cref="TimelineApiFactory"/>: each request the suite sends and each answer it gets
/// is checked against openapi.yaml (<see cref="OpenApiContract"/>), and the first disagreement fails the test that made
/// the request, naming the operation and what differs. Bodies are buffered, so the test reads them as before.
/// With <c>TIMELINE_CONTRACT_LOG=&lt;file&gt;</c> every disagreement is appended to the file instead of failing, to see
/// them all in one run after a change to the document.
/// </summary>
public sealed class ContractCheckingHandler(OpenApiContract contract) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        byte[]? requestBody = null;
        if (request.Content is not null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            requestBody = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        var response = await base.SendAsync(request, cancellationToken);
        byte[] responseBody = [];
        if (response.Content is not null)
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        }

        var problems = contract.Check(new Exchange(
            request.Method, request.RequestUri!, request.Headers, request.Content?.Headers.ContentType, requestBody,
            (int)response.StatusCode, response.Headers, response.Content?.Headers, responseBody));
        if (problems.Count > 0 && Environment.GetEnvironmentVariable("TIMELINE_CONTRACT_LOG") is { Length: > 0 } log)
        {
            lock (typeof(ContractCheckingHandler))
                File.AppendAllLines(log, problems);
        }
        else if (problems.Count > 0)
        {
            response.Dispose();
            throw new ContractViolationException(problems);
        }

        return response;
    }
}

/// <summary>The code and openapi.yaml disagree about one exchange.</summary>
public sealed class ContractViolationException : Exception
{
    public ContractViolationException(IReadOnlyList<string> problems)
        : base("openapi.yaml does not describe this exchange: " + string.Join(Environment.NewLine, problems)) => Problems = problems;

    public ContractViolationException()
        : this([])
    {
    }

    public ContractViolationException(string message)
        : base(message) => Problems = [message];

    public ContractViolationException(string message, Exception innerException)
        : base(message, innerException) => Problems = [message];

    public IReadOnlyList<string> Problems { get; }
}
