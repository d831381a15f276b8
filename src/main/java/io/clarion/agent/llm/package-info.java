/**
 * The LLM path: an OpenAI-compatible model that may only call catalog tools, its prompts, settings
 * and HTTP client with retries.
 */
package io.clarion.agent.llm;
