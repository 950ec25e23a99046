ALTER TABLE `orders` ADD `status_stage` text DEFAULT 'order_placed' NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `status_exception` text;--> statement-breakpoint
ALTER TABLE `orders` ADD `last_event_at` integer;--> statement-breakpoint
CREATE INDEX `orders_seller_status_idx` ON `orders` (`seller_id`,`status_stage`,`status_exception`,`created_at`);