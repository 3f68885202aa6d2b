/** AppSync Events quotas the local cloud enforces, as the service documents them. */
export const EVENT_LIMITS = {
  maxEventsPerPublish: 5,
  /** Per event, measured on the event string's UTF-8 bytes. */
  maxEventBytes: 240 * 1024,
  /**
   * Arrays and objects nested in one event. AppSync documents no limit; 1,000 is
   * the default of common JSON parsers (Jackson's), and far below the ~4,500 levels at which
   * copying a payload into the handler sandbox overflows V8's stack.
   */
  maxEventNestingDepth: 1000,
  /** HTTP body or WebSocket publish frame. */
  maxPublishRequestBytes: Math.floor(1.2 * 1024 * 1024),
  /** A WebSocket subscribe frame. */
  maxSubscribeRequestBytes: 240 * 1024,
  maxSubscriptionsPerConnection: 200,
} as const;

/**
 * The WebSocket frame limit: above the publish limit, so an oversize publish still gets a
 * `publish_error` instead of a 1009 close; frames beyond it close that one socket.
 */
export const WS_MAX_PAYLOAD_BYTES = 2 * EVENT_LIMITS.maxPublishRequestBytes;
