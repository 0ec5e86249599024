package io.runledger.api.usage;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.runledger.api.http.Creates;
import io.runledger.auth.CallerIdentity;
import io.runledger.auth.Permission;
import io.runledger.auth.Requires;
import io.runledger.metering.Budget;
import io.runledger.metering.BudgetAlerts;
import io.runledger.metering.BudgetId;
import io.runledger.metering.Budgets;
import io.runledger.metering.Meter;
import io.runledger.metering.Notifications;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.InvalidRequestException;
import io.runledger.tenancy.Money;
import io.runledger.tenancy.Page;
import io.runledger.tenancy.PageRequest;
import io.runledger.tenancy.ProjectId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Budgets (ADMIN), their alerts, and the organisation's in-app notifications. */
@RestController
@Tag(name = "Budgets")
class BudgetsController {

	private final Budgets budgets;

	private final BudgetAlerts alerts;

	private final Notifications notifications;

	BudgetsController(Budgets budgets, BudgetAlerts alerts, Notifications notifications) {
		this.budgets = budgets;
		this.alerts = alerts;
		this.notifications = notifications;
	}

	/**
	 * A budget as sent by a client: {@code meter} + {@code limit} (in the meter's base unit), or {@code currency} +
	 * {@code limit} for money; {@code thresholds} in percent (default 50, 80, 100).
	 */
	record BudgetBody(String name, String project, String meter, BigDecimal limit, String currency,
			List<Integer> thresholds, Boolean hardCap, String webhookUrl) {

		Budgets.BudgetSpec spec() {
			if (limit == null) {
				throw new InvalidRequestException("limit is required");
			}
			if (meter != null && currency != null) {
				throw new InvalidRequestException("a budget has either a meter or a currency, not both");
			}
			if (meter == null && currency == null) {
				throw new InvalidRequestException("a budget needs a meter (DATA_POINTS, TRACKED_HOURS, STORAGE_BYTES) "
						+ "or a currency for a money budget");
			}
			Money amount = null;
			if (currency != null) {
				try {
					amount = Money.of(limit.toPlainString(), currency);
				}
				catch (IllegalArgumentException e) {
					throw new InvalidRequestException("currency must be an ISO 4217 code such as EUR or USD");
				}
			}
			return new Budgets.BudgetSpec(name, project == null ? null : ProjectId.parse(project),
					meter == null ? null : UsageController.parse(Meter.class, meter, "meter"),
					meter == null ? null : limit, amount, thresholds, hardCap, webhookUrl);
		}
	}

	record BudgetView(Budget budget, String webhookSecret) {
	}

	@GetMapping("/api/v1/budgets")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "The organisation's budgets with this month's usage, percentage and forecast, oldest first "
			+ "(cursor-paginated)")
	Page<BudgetAlerts.BudgetStatus> list(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return alerts.status(caller.orgId(), PageRequest.of(limit, cursor));
	}

	@Creates
	@PostMapping("/api/v1/budgets")
	@Requires(Permission.MANAGE_BUDGETS)
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(summary = "Create a monthly budget; a webhook's signing secret is in the answer, once")
	BudgetView create(CallerIdentity caller, @RequestBody BudgetBody body) {
		var saved = budgets.create(caller.orgId(), body.spec(), caller.actor());
		return new BudgetView(saved.budget(), saved.webhookSecret());
	}

	@GetMapping("/api/v1/budgets/{budgetId}")
	@Requires(Permission.READ_BILLING)
	Budget get(CallerIdentity caller, @PathVariable String budgetId) {
		return budgets.get(caller.orgId(), BudgetId.parse(budgetId));
	}

	@PutMapping("/api/v1/budgets/{budgetId}")
	@Requires(Permission.MANAGE_BUDGETS)
	@Operation(summary = "Replace a budget's settings (raise its limit, remove its hard cap, ...)")
	BudgetView update(CallerIdentity caller, @PathVariable String budgetId, @RequestBody BudgetBody body) {
		var saved = budgets.update(caller.orgId(), BudgetId.parse(budgetId), body.spec(), caller.actor());
		return new BudgetView(saved.budget(), saved.webhookSecret());
	}

	@DeleteMapping("/api/v1/budgets/{budgetId}")
	@Requires(Permission.MANAGE_BUDGETS)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(CallerIdentity caller, @PathVariable String budgetId) {
		budgets.delete(caller.orgId(), BudgetId.parse(budgetId), caller.actor());
	}

	@GetMapping("/api/v1/budgets/alerts")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "Thresholds crossed, newest first, with email and webhook delivery status and attempts "
			+ "(cursor-paginated)")
	Page<BudgetAlerts.Alert> alerts(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return alerts.alerts(caller.orgId(), PageRequest.of(limit, cursor));
	}

	@GetMapping("/api/v1/notifications")
	@Requires(Permission.READ_BILLING)
	@Operation(summary = "In-app notifications (budget alerts), newest first (cursor-paginated)")
	Page<Notifications.Notification> notifications(CallerIdentity caller, @RequestParam(required = false) Integer limit,
			@RequestParam(required = false) String cursor) {
		return notifications.list(caller.orgId(), PageRequest.of(limit, cursor));
	}

	@PostMapping("/api/v1/notifications/{notificationId}/read")
	@Requires(Permission.READ_BILLING)
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void markRead(CallerIdentity caller, @PathVariable String notificationId) {
		UUID id;
		try {
			id = UUID.fromString(notificationId);
		}
		catch (IllegalArgumentException e) {
			throw new InvalidRequestException("notification id must be a UUID");
		}
		notifications.markRead(caller.orgId(), id);
	}
}
