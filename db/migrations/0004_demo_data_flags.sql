ALTER TABLE `sellers` ADD `is_demo` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `orders` ADD `source` text DEFAULT 'api' NOT NULL;--> statement-breakpoint
-- Demo data was seeded through the domain verbs with source 'demo': mark exactly that, never by name.
UPDATE `orders` SET `source` = 'demo' WHERE `id` IN (SELECT `order_id` FROM `tracking_events` WHERE `source` = 'demo' AND `type` = 'order_placed');--> statement-breakpoint
UPDATE `sellers` SET `is_demo` = true WHERE `id` IN (SELECT `seller_id` FROM `orders` WHERE `source` = 'demo');
