/** The JSON Schema the extraction step must satisfy. */
export const triageSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  required: ['category', 'priority', 'customer_email', 'order_id', 'summary'],
  additionalProperties: false,
  properties: {
    category: { enum: ['billing', 'bug', 'account', 'shipping', 'feature_request', 'other'] },
    priority: { enum: ['low', 'normal', 'high', 'urgent'] },
    customer_email: { type: ['string', 'null'], format: 'email' },
    order_id: { type: ['string', 'null'], pattern: '^[A-Z]{2,5}-\\d{3,}$' },
    summary: { type: 'string', minLength: 5 },
  },
} as const
