package dev.aioskill.agent;

/**
 * A structured answer and how it was obtained.
 *
 * @param value      the parsed answer
 * @param format     the response-format rung that produced it
 * @param modelCalls calls made, counting re-asks and 400 step-downs
 * @param usage      tokens and latency summed over those calls
 * @param rawText    the model's text the value was parsed from
 */
public record Structured<T>(T value, ResponseFormatMode format, int modelCalls, ModelUsage usage, String rawText) {}
