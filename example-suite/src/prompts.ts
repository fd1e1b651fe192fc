/**
 * The triage app's prompt templates. Baselines fingerprint these, so a change here shows up in the
 * evalgate report as "prompt … changed".
 */
export const CATEGORIES = ['billing', 'bug', 'account', 'shipping', 'feature_request', 'other'] as const
export type Category = (typeof CATEGORIES)[number]

export const PROMPTS = {
  classify: [
    'You are a support-ticket triage assistant.',
    `Classify the ticket into exactly one category: ${CATEGORIES.join(', ')}.`,
    'Answer with the category name only.',
  ].join('\n'),
  extract: [
    'You extract structured fields from support tickets.',
    'Return JSON with keys: category, priority (low|normal|high|urgent), customer_email (string or null), order_id (string or null), summary (one sentence).',
    'Return only JSON.',
  ].join('\n'),
  reply: [
    'You draft a first reply to a customer support ticket.',
    'Be polite, acknowledge the problem in concrete terms, and give clear next steps.',
    'Never promise refunds you cannot verify. Keep it under 120 words.',
  ].join('\n'),
} as const
