package io.runledger.api.billing;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.http.VerifiedBySignature;
import io.runledger.billing.PaymentEvents;
import io.runledger.tenancy.InvalidRequestException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Stripe's webhook: no credential, a signature over the exact payload instead (checked before anything else). */
@RestController
@Tag(name = "Billing")
class StripeWebhookController {

	private final PaymentEvents events;

	StripeWebhookController(PaymentEvents events) {
		this.events = events;
	}

	record Received(String outcome) {
	}

	@PostMapping(VerifiedBySignature.STRIPE_WEBHOOK)
	@VerifiedBySignature
	@Operation(summary = "Stripe webhook (signed by Stripe; invoice paid, payment failed, voided)")
	ResponseEntity<Received> receive(@RequestBody(required = false) String payload,
			@RequestHeader(name = "Stripe-Signature", required = false) String signature) {
		var outcome = events.receive(payload == null ? "" : payload, signature);
		if (outcome == PaymentEvents.Outcome.FORGED) {
			throw new InvalidRequestException("webhook signature is missing, wrong or stale");
		}
		return ResponseEntity.ok(new Received(outcome.name()));
	}
}
