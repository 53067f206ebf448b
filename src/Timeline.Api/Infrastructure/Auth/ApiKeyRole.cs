namespace Timeline.Api.Infrastructure.Auth;

/// <summary>What an API key may do: editors write, admins also retract assessments.</summary>
public enum ApiKeyRole { Editor, Admin }
