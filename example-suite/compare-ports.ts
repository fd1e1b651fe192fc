/** Fixed local ports of the model-selection example's two servers (EXAMPLE_COMPARE_PORT moves both). */
const base = Number(process.env.EXAMPLE_COMPARE_PORT ?? 47831)
export const COMPARE_PORTS = { current: base, quantized: base + 1 }
