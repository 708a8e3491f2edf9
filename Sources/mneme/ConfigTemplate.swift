/// The starter `mneme.toml` written by `mneme config init`: every setting, commented, with its default.
enum ConfigTemplate {
    static let text = """
        # mneme.toml — Mneme's configuration. Check it with: mneme config check
        # Every setting is optional; the values shown commented out are the defaults.
        # Precedence: command-line flags > MNEME_* environment variables > this file > defaults.

        # The SQLite database (MNEME_DB overrides it).
        # database = "mneme.sqlite"

        # The model when no route matches: "provider:model" or a route name (MNEME_MODEL overrides it).
        # Unset: the first provider with a key in the environment (OpenAI, Anthropic, Vertex, Gemini),
        # else the offline provider. `offline = true` always uses the offline provider.
        # model = "openai:gpt-4o-mini"
        # offline = false

        # The persona of new sessions, and whether "my name is …" / "remember that …" become profile facts.
        # default_persona = "assistant"
        # extract_memory = true
        # Which extractor: "rules" (patterns, before the reply) or "llm" (patterns, then a model asked for
        # JSON after the reply: no added latency; malformed answers are ignored). memory_model: the model of
        # the "llm" extractor, "provider:model" (unset: the model that answered the turn).
        # memory_extractor = "rules"
        # memory_model = "openai:gpt-4o-mini"

        [context]
        # reserved_output_tokens = 1024   # kept free for the answer
        # safety_margin_tokens = 64
        # document_candidates = 8         # chunks fetched per turn before budgeting
        # document_feedback = true        # pseudo-relevance feedback (used on indexes of 1,000+ chunks)
        # recall_candidates = 8           # best-matching older messages, each with its whole turn
        # recall_neighbors = false        # also the turn before each recalled turn
        # history_candidates = 60         # recent messages considered

        # How the token budget is shared (see docs/user-guide.md, "Budget policy").
        # [budget]
        # example_placement = "system"    # or "messages"
        # [budget.documents]
        # priority = 3
        # min_share = 0.0
        # max_share = 0.45

        # Providers: where each key is (by environment variable name) and base URLs.
        # The official variables (OPENAI_API_KEY, ANTHROPIC_API_KEY, GEMINI_API_KEY, OLLAMA_HOST…)
        # work without any section here.
        # [providers.openai]
        # api_key_env = "OPENAI_API_KEY"
        # base_url = "https://api.openai.com/v1"
        # [providers.anthropic]
        # api_key_env = "ANTHROPIC_API_KEY"
        # version = "2023-06-01"
        # [providers.gemini]
        # api_key_env = "GEMINI_API_KEY"
        # [providers.vertex]
        # project = "my-project"
        # location = "us-central1"
        # access_token_env = "GOOGLE_OAUTH_ACCESS_TOKEN"   # unset: `gcloud auth print-access-token`
        # [providers.ollama]
        # host = "http://127.0.0.1:11434"
        # [providers.openai-compatible]
        # base_url = "http://127.0.0.1:8080/v1"
        # api_key_env = "LOCAL_LLM_KEY"

        # Personas: a system instruction with {{placeholders}} filled from the user's profile.
        # [personas.support]
        # template = "You are the support desk of {{company|the company}}. Address the user as {{preferred_name|there}}."
        # defaults = { company = "Northwind Lumen" }

        # Routes: the first most specific match wins; fallbacks are tried on retryable failures.
        # [[routes]]
        # name = "support"
        # target = "openai:ft:gpt-4o-mini-2024-07-18:acme:support:abc123"
        # fallbacks = ["openai:gpt-4o-mini"]
        # match = { persona = "support" }

        # Prices in USD per million tokens, for cost per turn and per user (mneme usage).
        # [prices."gpt-4o-mini"]
        # input = 0.15
        # output = 0.60
        # cached_input = 0.075

        """
}
