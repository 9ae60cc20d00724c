import * as v from 'valibot';
import { dtsSchema, int, opt } from './envelope.js';

/** Spec model `HitPageViewMetaData`. */
export const HitPageViewMetaDataSchema = v.looseObject({
  key: opt(v.string()),
  value: opt(v.string()),
});
/** Spec model `HitPageViewMetaData`. */
export type UltraCartHitPageViewMetaData = v.InferOutput<typeof HitPageViewMetaDataSchema>;

/** Spec model `HitPageView`. */
export const HitPageViewSchema = v.looseObject({
  bounce: opt(v.boolean()),
  meta_data: opt(v.array(HitPageViewMetaDataSchema)),
  method: opt(v.string()),
  prefetch: opt(v.boolean()),
  query: opt(v.string()),
  recording: opt(v.boolean()),
  redirect: opt(v.boolean()),
  referrer: opt(v.string()),
  time_on_page: opt(v.number()),
  title: opt(v.string()),
  url: opt(v.string()),
});
/** Spec model `HitPageView`. */
export type UltraCartHitPageView = v.InferOutput<typeof HitPageViewSchema>;

/** Spec model `HitSessionStart` (`time_on_Site` is spelled so on the wire). */
export const HitSessionStartSchema = v.looseObject({
  bot: opt(v.boolean()),
  bounce: opt(v.boolean()),
  channel: opt(v.string()),
  device_switch_detected: opt(v.boolean()),
  fake_bot: opt(v.boolean()),
  geolocation_country: opt(v.string()),
  geolocation_latitude: opt(v.number()),
  geolocation_longitude: opt(v.number()),
  geolocation_province: opt(v.string()),
  no_cookie_support: opt(v.boolean()),
  prefetch: opt(v.boolean()),
  referrer: opt(v.string()),
  screen_height: opt(int),
  screen_width: opt(int),
  time_on_Site: opt(v.number()),
  user_agent: opt(v.string()),
  user_ip: opt(v.string()),
});
/** Spec model `HitSessionStart`. */
export type UltraCartHitSessionStart = v.InferOutput<typeof HitSessionStartSchema>;

/** Spec model `HitSessionUtm`. */
export const HitSessionUtmSchema = v.looseObject({
  fb_ad_id: opt(v.string()),
  fbclid: opt(v.string()),
  gbraid: opt(v.string()),
  gclid: opt(v.string()),
  msclkid: opt(v.string()),
  ttclid: opt(v.string()),
  uc_message_id: opt(v.string()),
  utm_campaign: opt(v.string()),
  utm_content: opt(v.string()),
  utm_id: opt(v.string()),
  utm_medium: opt(v.string()),
  utm_source: opt(v.string()),
  utm_term: opt(v.string()),
  vmcid: opt(v.string()),
  wbraid: opt(v.string()),
});
/** Spec model `HitSessionUtm`. */
export type UltraCartHitSessionUtm = v.InferOutput<typeof HitSessionUtmSchema>;

// `AutoOrder`, `Cart` and `Order` are huge e-commerce models left out of the reference extract
// (`x-omitted-from-extract`): they are accepted as any JSON object and kept unchanged.
/** Spec model `AutoOrder` (not modelled field by field). */
export const AutoOrderSchema = v.looseObject({});
/** Spec model `Cart` (not modelled field by field). */
export const CartSchema = v.looseObject({});
/** Spec model `Order` (not modelled field by field). */
export const OrderSchema = v.looseObject({});

/** Spec model `ConversationWebchatContext` (getConversationContext): bare, no envelope. */
export const ConversationWebchatContextSchema = v.looseObject({
  auto_orders: opt(v.array(AutoOrderSchema)),
  cart: opt(CartSchema),
  current_url: opt(v.string()),
  orders: opt(v.array(OrderSchema)),
  page_view: opt(v.array(HitPageViewSchema)),
  session_start: opt(HitSessionStartSchema),
  session_start_dts: opt(dtsSchema),
  session_utm: opt(HitSessionUtmSchema),
});
/** Spec model `ConversationWebchatContext`. */
export type UltraCartConversationWebchatContext = v.InferOutput<typeof ConversationWebchatContextSchema>;
