"""catalogue and accounts

Revision ID: 61f983514117
Revises: 
Create Date: 2026-11-22 22:27:42.065991

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '61f983514117'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    # Reviewed: the whole initial schema of catalogue and accounts.
    op.create_table('categories',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('ocop_code', sa.Integer(), nullable=True),
    sa.Column('slug', sa.String(length=120), nullable=False),
    sa.Column('name_vi', sa.String(length=160), nullable=False),
    sa.Column('name_en', sa.String(length=160), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['categories.id'], name=op.f('fk_categories_parent_id_categories')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_categories')),
    sa.UniqueConstraint('slug', name=op.f('uq_categories_slug'))
    )
    with op.batch_alter_table('categories', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_categories_parent_id'), ['parent_id'], unique=False)

    op.create_table('macro_regions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('slug', sa.String(length=40), nullable=False),
    sa.Column('name_vi', sa.String(length=80), nullable=False),
    sa.Column('name_en', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_macro_regions')),
    sa.UniqueConstraint('code', name=op.f('uq_macro_regions_code')),
    sa.UniqueConstraint('slug', name=op.f('uq_macro_regions_slug'))
    )
    op.create_table('regions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name_vi', sa.String(length=120), nullable=False),
    sa.Column('name_en', sa.String(length=120), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_regions')),
    sa.UniqueConstraint('code', name=op.f('uq_regions_code')),
    sa.UniqueConstraint('slug', name=op.f('uq_regions_slug'))
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('full_name', sa.String(length=120), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('role', sa.Enum('consumer', 'producer', 'organizer', 'officer', 'admin', name='user_role', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('locale', sa.String(length=5), nullable=True),
    sa.Column('is_active_account', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('provinces',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=10), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name_vi', sa.String(length=80), nullable=False),
    sa.Column('name_ascii', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('macro_region_id', sa.Integer(), nullable=False),
    sa.Column('centre', sa.String(length=80), nullable=True),
    sa.Column('lat', sa.Float(), nullable=True),
    sa.Column('lon', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['macro_region_id'], ['macro_regions.id'], name=op.f('fk_provinces_macro_region_id_macro_regions')),
    sa.ForeignKeyConstraint(['region_id'], ['regions.id'], name=op.f('fk_provinces_region_id_regions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_provinces')),
    sa.UniqueConstraint('code', name=op.f('uq_provinces_code')),
    sa.UniqueConstraint('slug', name=op.f('uq_provinces_slug'))
    )
    with op.batch_alter_table('provinces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_provinces_macro_region_id'), ['macro_region_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_provinces_region_id'), ['region_id'], unique=False)

    op.create_table('former_provinces',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('name_vi', sa.String(length=80), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_former_provinces_province_id_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_former_provinces')),
    sa.UniqueConstraint('slug', name=op.f('uq_former_provinces_slug'))
    )
    with op.batch_alter_table('former_provinces', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_former_provinces_province_id'), ['province_id'], unique=False)

    op.create_table('producers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=140), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('cooperative', 'cooperative_group', 'enterprise', 'household', name='producer_kind', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('province_id', sa.Integer(), nullable=False),
    sa.Column('former_province_id', sa.Integer(), nullable=True),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('story', sa.Text(), nullable=False),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('website', sa.String(length=300), nullable=True),
    sa.Column('tax_code', sa.String(length=20), nullable=True),
    sa.Column('logo_path', sa.String(length=300), nullable=True),
    sa.Column('verified', sa.Boolean(), nullable=False),
    sa.Column('verified_at', sa.DateTime(), nullable=True),
    sa.Column('is_demo', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['former_province_id'], ['former_provinces.id'], name=op.f('fk_producers_former_province_id_former_provinces')),
    sa.ForeignKeyConstraint(['province_id'], ['provinces.id'], name=op.f('fk_producers_province_id_provinces')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_producers')),
    sa.UniqueConstraint('slug', name=op.f('uq_producers_slug'))
    )
    with op.batch_alter_table('producers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_producers_former_province_id'), ['former_province_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_producers_province_id'), ['province_id'], unique=False)

    op.create_table('producer_members',
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('is_owner', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_producer_members_producer_id_producers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_producer_members_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('producer_id', 'user_id', name=op.f('pk_producer_members'))
    )
    with op.batch_alter_table('producer_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_producer_members_user_id'), ['user_id'], unique=False)

    op.create_table('products',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('producer_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('slug', sa.String(length=160), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('price', sa.BigInteger(), nullable=False),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('stock', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'active', 'archived', name='product_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('origin', sa.String(length=200), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('price >= 0', name=op.f('ck_products_price_not_negative')),
    sa.CheckConstraint('stock >= 0', name=op.f('ck_products_stock_not_negative')),
    sa.ForeignKeyConstraint(['category_id'], ['categories.id'], name=op.f('fk_products_category_id_categories')),
    sa.ForeignKeyConstraint(['producer_id'], ['producers.id'], name=op.f('fk_products_producer_id_producers')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_products')),
    sa.UniqueConstraint('slug', name=op.f('uq_products_slug'))
    )
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_products_category_id'), ['category_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_products_producer_id'), ['producer_id'], unique=False)
        batch_op.create_index('ix_products_status_created', ['status', 'created_at'], unique=False)
        batch_op.create_index('ix_products_status_price', ['status', 'price'], unique=False)

    op.create_table('certifications',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('stars', sa.SmallInteger(), nullable=False),
    sa.Column('points', sa.SmallInteger(), nullable=False),
    sa.Column('number', sa.String(length=80), nullable=False),
    sa.Column('issuing_body', sa.String(length=200), nullable=False),
    sa.Column('level', sa.Enum('provincial', 'central', 'district', name='certification_level', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'verified', 'rejected', 'revoked', name='certification_status', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('status_reason', sa.String(length=500), nullable=True),
    sa.Column('reviewed_at', sa.DateTime(), nullable=True),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('scan_path', sa.String(length=300), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('expires_on > decided_on', name=op.f('ck_certifications_expires_after_decision')),
    sa.CheckConstraint('points BETWEEN 0 AND 100', name=op.f('ck_certifications_points_range')),
    sa.CheckConstraint('stars BETWEEN 3 AND 5', name=op.f('ck_certifications_stars_certified_range')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_certifications_product_id_products'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['users.id'], name=op.f('fk_certifications_reviewed_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certifications'))
    )
    with op.batch_alter_table('certifications', schema=None) as batch_op:
        batch_op.create_index('ix_certifications_current', ['product_id', 'status', 'expires_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_certifications_status'), ['status'], unique=False)

    op.create_table('product_photos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('path', sa.String(length=300), nullable=False),
    sa.Column('thumb_path', sa.String(length=300), nullable=True),
    sa.Column('alt', sa.String(length=200), nullable=False),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_photos_product_id_products'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_photos'))
    )
    with op.batch_alter_table('product_photos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_photos_product_id'), ['product_id'], unique=False)



def downgrade():
    # Reviewed: the whole initial schema of catalogue and accounts.
    with op.batch_alter_table('product_photos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_photos_product_id'))

    op.drop_table('product_photos')
    with op.batch_alter_table('certifications', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_certifications_status'))
        batch_op.drop_index('ix_certifications_current')

    op.drop_table('certifications')
    with op.batch_alter_table('products', schema=None) as batch_op:
        batch_op.drop_index('ix_products_status_price')
        batch_op.drop_index('ix_products_status_created')
        batch_op.drop_index(batch_op.f('ix_products_producer_id'))
        batch_op.drop_index(batch_op.f('ix_products_created_at'))
        batch_op.drop_index(batch_op.f('ix_products_category_id'))

    op.drop_table('products')
    with op.batch_alter_table('producer_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_producer_members_user_id'))

    op.drop_table('producer_members')
    with op.batch_alter_table('producers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_producers_province_id'))
        batch_op.drop_index(batch_op.f('ix_producers_former_province_id'))

    op.drop_table('producers')
    with op.batch_alter_table('former_provinces', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_former_provinces_province_id'))

    op.drop_table('former_provinces')
    with op.batch_alter_table('provinces', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_provinces_region_id'))
        batch_op.drop_index(batch_op.f('ix_provinces_macro_region_id'))

    op.drop_table('provinces')
    op.drop_table('users')
    op.drop_table('regions')
    op.drop_table('macro_regions')
    with op.batch_alter_table('categories', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_categories_parent_id'))

    op.drop_table('categories')
