ALTER TABLE `sellers` ADD `page_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `page_version` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- A tracking page is cached per (link, language) at its order's and seller's page_version; these
-- triggers raise the version on every change the page shows, whatever code path writes it, so
-- every process and every server sees the change at the next request.
CREATE TRIGGER `tracking_events_page_version_insert` AFTER INSERT ON `tracking_events`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = NEW.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_events_page_version_update` AFTER UPDATE ON `tracking_events`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` IN (OLD.`order_id`, NEW.`order_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `tracking_events_page_version_delete` AFTER DELETE ON `tracking_events`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = OLD.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `packages_page_version_insert` AFTER INSERT ON `packages`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = NEW.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `packages_page_version_update` AFTER UPDATE ON `packages`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` IN (OLD.`order_id`, NEW.`order_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `packages_page_version_delete` AFTER DELETE ON `packages`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = OLD.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `items_page_version_insert` AFTER INSERT ON `items`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = NEW.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `items_page_version_update` AFTER UPDATE ON `items`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` IN (OLD.`order_id`, NEW.`order_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `items_page_version_delete` AFTER DELETE ON `items`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = OLD.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `sms_subscriptions_page_version_insert` AFTER INSERT ON `sms_subscriptions`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = NEW.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `sms_subscriptions_page_version_update` AFTER UPDATE ON `sms_subscriptions`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` IN (OLD.`order_id`, NEW.`order_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `sms_subscriptions_page_version_delete` AFTER DELETE ON `sms_subscriptions`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = OLD.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `feedback_page_version_insert` AFTER INSERT ON `feedback`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = NEW.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `feedback_page_version_update` AFTER UPDATE ON `feedback`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` IN (OLD.`order_id`, NEW.`order_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `feedback_page_version_delete` AFTER DELETE ON `feedback`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = OLD.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `problem_reports_page_version_insert` AFTER INSERT ON `problem_reports`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = NEW.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `problem_reports_page_version_update` AFTER UPDATE ON `problem_reports`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` IN (OLD.`order_id`, NEW.`order_id`);
END;
--> statement-breakpoint
CREATE TRIGGER `problem_reports_page_version_delete` AFTER DELETE ON `problem_reports`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = OLD.`order_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `orders_page_version` AFTER UPDATE OF `order_number`, `customer_first_name`, `language`, `dest_city`, `dest_region`, `dest_postal_code`, `dest_country`, `time_zone`, `time_zone_basis`, `time_zone_assumed`, `promised_date`, `status_stage`, `status_exception`, `last_event_at` ON `orders`
BEGIN
  UPDATE `orders` SET `page_version` = `page_version` + 1 WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `sellers_page_version` AFTER UPDATE OF `slug`, `name`, `accent_color`, `logo`, `logo_type`, `logo_version`, `support_email`, `support_phone`, `support_url`, `public_feedback_url`, `default_time_zone`, `sms_countries`, `link_ttl_days`, `is_demo` ON `sellers`
BEGIN
  UPDATE `sellers` SET `page_version` = `page_version` + 1 WHERE `id` = NEW.`id`;
END;
