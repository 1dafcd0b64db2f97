/** Bumped whenever features, training, the text given to the encoder or the serialised layout change: cached models and vectors are then rebuilt. */
export const ENGINE_VERSION = 'hushdesk-engine/7';
