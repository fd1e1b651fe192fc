/**
 * The embeddings side of `toBeSimilarTo`: endpoint configuration, strict reading of embeddings responses
 * and cosine similarity. Pure: the network call lives in the matcher.
 */
export { cosineSimilarity } from './cosine.js'
export { readEmbeddings, type EmbeddingsRead } from './read.js'
export { resolveEmbeddingsConfig, DEFAULT_EMBEDDING_MODEL, type EmbeddingsConfig, type EmbeddingsConfigResult } from './config.js'
export { embeddingsOptionsSchema, type EmbeddingsOptions } from './options.js'
