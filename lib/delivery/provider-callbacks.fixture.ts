// Delivery-report callbacks as providers send them (shapes from the providers' public documentation, see
// docs/providers.md), for the tests. Field names and order follow those samples; ids, numbers and timestamps
// are filled in where they elide them. Kaleyra's DLR fields, the failure codes and the XML and SMPP samples are assumptions, marked below.
import type { CallbackRequest } from "./parse-callback";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

export const TWILIO_SID = "SM1f0e8ae6ade43cb3c0ce4525424e404f";

function twilio(status: string, extra = ""): CallbackRequest {
  return {
    method: "POST",
    contentType: FORM,
    query: "",
    body:
      `MessageSid=${TWILIO_SID}&SmsSid=${TWILIO_SID}&MessageStatus=${status}&SmsStatus=${status}` +
      `&To=%2B17035550123&From=%2B13365550199&AccountSid=AC7c5d2ec1c3a1d9e4f0b2a8e6d5c4b3a2&ApiVersion=2010-04-01` +
      extra,
  };
}

export const twilioSent = twilio("sent");
export const twilioDelivered = twilio("delivered");
export const twilioUndelivered = twilio("undelivered", "&ErrorCode=30003");

export const SINCH_BATCH_ID = "01FC66621XXXXX119Z8PMV1QPQ";

export const sinchDelivered: CallbackRequest = {
  method: "POST",
  contentType: JSON_TYPE,
  query: "",
  body: JSON.stringify({
    type: "recipient_delivery_report_sms",
    batch_id: SINCH_BATCH_ID,
    recipient: "+46700000000",
    code: 0,
    status: "Delivered",
    at: "2024-05-01T10:00:02.123Z",
    operator_status_at: "2024-05-01T10:00:01Z",
    client_reference: "msg_01HX3Q9ZP4S7",
  }),
};

/** A status from Sinch's documented failure list; the code number is illustrative. */
export const sinchExpired: CallbackRequest = {
  ...sinchDelivered,
  body: sinchDelivered.body.replace('"code":0', '"code":402').replace('"Delivered"', '"Expired"'),
};

export const GUPSHUP_ID = "3562707498794989059-328736121207676738";

export const gupshupGetDelivered: CallbackRequest = {
  method: "GET",
  contentType: null,
  query: `externalId=${GUPSHUP_ID}&deliveredTS=1526347800000&status=SUCCESS&cause=SUCCESS&phoneNo=919999999999&errCode=000&noOfFrags=1&mask=TESTIN`,
  body: "",
};

/** The cause and errCode of a failure are illustrative. */
export const gupshupGetFailed: CallbackRequest = {
  ...gupshupGetDelivered,
  query: gupshupGetDelivered.query
    .replace("status=SUCCESS&cause=SUCCESS", "status=FAILURE&cause=ABSENT_SUBSCRIBER")
    .replace("errCode=000", "errCode=005"),
};

export const gupshupPostEvents: CallbackRequest = {
  method: "POST",
  contentType: JSON_TYPE,
  query: "",
  body:
    `[{"externalId":"${GUPSHUP_ID}","eventType":"DELIVERED","eventTs":1526347800000,"destAddr":919999999999,"srcAddr":"TESTIN","cause":"SUCCESS","errCode":"000","noOfFrags":1},` +
    `{"externalId":"3798318073013708082-252169030017029882","eventType":"FAILED","eventTs":1526347800000,"destAddr":919892377777,"srcAddr":"TESTIN","cause":"UNKNOWN_SUBSCRIBER","errCode":"001","noOfFrags":1}]`,
};

/** ASSUMED: Kaleyra's DLR field names are unverified (docs/providers.md); statuses are the documented ones. */
export const kaleyraFailed: CallbackRequest = {
  method: "POST",
  contentType: JSON_TYPE,
  query: "",
  body: JSON.stringify({
    message_id: "c4d1e2f3-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
    to: "+919999999999",
    sender: "KLRHXA",
    status: "Failed",
    error: "DND number",
    created_at: "2024-05-01 15:30:00",
  }),
};

/** ILLUSTRATIVE: an SMPP delivery receipt forwarded as plain text, as many aggregators do. */
export const smppReceiptText: CallbackRequest = {
  method: "POST",
  contentType: "text/plain",
  query: "",
  body: "id:0123456789 sub:001 dlvrd:000 submit date:2405011530 done date:2405011531 stat:UNDELIV err:001 text:Your code is 1234",
};

/** ILLUSTRATIVE: an XML DLR batch in the style of older Indian aggregators. */
export const xmlBatch: CallbackRequest = {
  method: "POST",
  contentType: "text/xml",
  query: "",
  body: `<?xml version="1.0" encoding="UTF-8"?>
<DELIVERYREPORT account="acme">
  <MESSAGE ID="7001" SEQ="1"><STATUS REASON="DELIVRD" ERR="000">Delivered</STATUS></MESSAGE>
  <MESSAGE ID="7002" SEQ="1"><STATUS REASON="EXPIRED" ERR="027">Failed</STATUS></MESSAGE>
</DELIVERYREPORT>`,
};
